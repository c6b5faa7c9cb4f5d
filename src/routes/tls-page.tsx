import { getRouteApi } from '@tanstack/react-router';
import { ScenarioPlayer } from '../lab/scenario-player';
import type { ScenarioEntry } from '../lab/scenario-entry';
import type { Scenario } from '../protocols/scenario';
import { TLS_TEACHING_SEED, tlsScenarios } from '../protocols/tls/scenarios';
import { tls12Scenarios } from '../protocols/tls/tls12/scenarios';
import { removedInTls13, versionDifferences } from '../protocols/tls/tls12/comparison';
import { tlsErrorTable } from '../protocols/tls/errors';
import { tls12ErrorTable } from '../protocols/tls/tls12/errors';
import { useInvalidLabSearchFields, useLabNavigate } from './use-lab-navigate';

const route = getRouteApi('/tls');
// RFC 8448 mode replays fixed keys and the version comparison has no randomness,
// so the seed matters only in fresh mode and in the forward-secrecy recording.
const seedUse: Record<string, ScenarioEntry['usesSeed']> = {
  handshake: (parameters) => parameters.mode === 'fresh',
  resumption: (parameters) => parameters.mode === 'fresh',
  'tls12-vs-tls13': () => false,
};

const entries: readonly ScenarioEntry[] = [
  ...Object.values(tlsScenarios),
  ...Object.values(tls12Scenarios),
].map((entry) => ({ ...entry, usesSeed: seedUse[entry.id] }));

/** Renders the TLS 1.2 and 1.3 comparison tables for the scenarios that compare the two. */
function ComparisonTables({ scenario }: { scenario: Scenario }) {
  if (scenario.id !== 'tls12-vs-tls13' && scenario.id !== 'forward-secrecy') return null;
  return (
    <section className="panel comparison" aria-labelledby="comparison-title">
      <h2 id="comparison-title">TLS 1.2 and TLS 1.3 side by side</h2>
      <div className="table-scroll">
        <table className="field-table">
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">TLS 1.2</th>
              <th scope="col">TLS 1.3</th>
            </tr>
          </thead>
          <tbody>
            {versionDifferences.map((difference) => (
              <tr key={difference.id}>
                <th scope="row">
                  {difference.topic} <span className="hint">({difference.reference})</span>
                </th>
                <td>{difference.tls12}</td>
                <td>{difference.tls13}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>What TLS 1.3 removed</h3>
      <ul className="removed-list">
        {removedInTls13.map((feature) => (
          <li key={feature.id}>
            <strong>{feature.name}</strong>: {feature.reason}{' '}
            <span className="hint">({feature.reference})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function TlsPage() {
  const search = route.useSearch();
  const navigate = useLabNavigate('/tls');
  const invalidParams = useInvalidLabSearchFields('/tls');

  return (
    <ScenarioPlayer
      labId="tls"
      title="TLS 1.3"
      intro={
        <p>
          A full TLS 1.3 handshake computed in your browser: X25519, every secret of the key
          schedule, and each record sealed with AES-GCM or ChaCha20-Poly1305. In RFC 8448 mode every
          value is checked against the RFC; in fresh mode the keys come from the seed or from you,
          and everything is recomputed.
        </p>
      }
      entries={entries}
      search={search}
      navigate={navigate}
      invalidParams={invalidParams}
      teachingSeed={TLS_TEACHING_SEED}
      errorTables={[tlsErrorTable, tls12ErrorTable]}
      renderExtra={(scenario) => <ComparisonTables scenario={scenario} />}
    />
  );
}
