import { Link } from '@tanstack/react-router';
import { labs } from './labs';
import { usePreferences } from '../store/preferences';
import { useDocumentTitle } from '../ui/use-document-title';

export function HomePage() {
  useDocumentTitle(undefined);
  const progress = usePreferences((state) => state.progress);

  return (
    <div className="page home-page">
      <h1>Protocol Lab</h1>
      <p className="lead">
        Learn how network and security protocols work by running them. Every value on screen is
        real: real bytes, real keys, real hashes, computed in your browser.
      </p>
      <ul className="lab-cards" aria-label="Labs">
        {labs.map((lab) => {
          const seen = progress[lab.path] ?? 0;
          return (
            <li key={lab.path} className="lab-card">
              <h2>
                <Link to={lab.path}>{lab.title}</Link>
              </h2>
              <p>{lab.learn}</p>
              <p className="lab-meta">
                <span>{lab.kind === 'tool' ? 'Tool' : 'Guided flow'}</span>
                <span>About {lab.minutes} minutes</span>
                {seen > 0 && <span>{Math.round(seen * 100)}% seen</span>}
              </p>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
