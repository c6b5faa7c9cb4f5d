import { defaultParseSearch, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { findInvalidLabSearchFields, type LabSearch } from './lab-search';
import { openedLink } from './opened-link';

/** Writes a lab's search params; stepping replaces the history entry instead of adding one per step. */
export function useLabNavigate(path: '/tcp' | '/tls'): (search: LabSearch) => void {
  const navigate = useNavigate({ from: path });
  return useCallback((search: LabSearch) => void navigate({ search, replace: true }), [navigate]);
}

/** Returns the names of malformed search params in the link that opened the app on `path`. */
export function useInvalidLabSearchFields(path: '/tcp' | '/tls'): readonly string[] {
  return useMemo(() => {
    if (openedLink.pathname !== path) return [];
    return findInvalidLabSearchFields(defaultParseSearch(openedLink.search));
  }, [path]);
}
