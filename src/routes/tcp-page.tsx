import { getRouteApi } from '@tanstack/react-router';
import { ScenarioPlayer } from '../lab/scenario-player';
import type { ScenarioEntry } from '../lab/scenario-entry';
import { tcpErrorTable } from '../protocols/tcp/errors';
import { TEACHING_SEED } from '../protocols/tcp/scenario-kit';
import { tcpScenarios } from '../protocols/tcp/scenarios';
import { useInvalidLabSearchFields, useLabNavigate } from './use-lab-navigate';

const route = getRouteApi('/tcp');
const entries: readonly ScenarioEntry[] = Object.values(tcpScenarios);

export function TcpPage() {
  const search = route.useSearch();
  const navigate = useLabNavigate('/tcp');
  const invalidParams = useInvalidLabSearchFields('/tcp');

  return (
    <ScenarioPlayer
      labId="tcp"
      title="TCP"
      intro={
        <p>
          Two endpoints run the RFC 9293 state machine against each other over a simulated link.
          Every segment below is encoded byte for byte, checksum included; pick a scenario, step
          through it, and change a parameter to see the run change.
        </p>
      }
      entries={entries}
      search={search}
      navigate={navigate}
      invalidParams={invalidParams}
      teachingSeed={TEACHING_SEED}
      errorTables={[tcpErrorTable]}
    />
  );
}
