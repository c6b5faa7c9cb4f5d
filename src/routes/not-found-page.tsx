import { Link } from '@tanstack/react-router';
import { useDocumentTitle } from '../ui/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is no lab at this address. <Link to="/">See every lab on the home page.</Link>
      </p>
    </div>
  );
}
