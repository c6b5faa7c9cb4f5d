import { useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import type { LabSearch } from './lab-search';

/** Writes a lab's search params; stepping replaces the history entry instead of adding one per step. */
export function useLabNavigate(path: '/tcp' | '/tls'): (search: LabSearch) => void {
  const navigate = useNavigate({ from: path });
  return useCallback((search: LabSearch) => void navigate({ search, replace: true }), [navigate]);
}
