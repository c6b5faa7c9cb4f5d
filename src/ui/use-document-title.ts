import { useEffect } from 'react';

/** Sets the browser tab's title while the calling page is shown; undefined leaves "Protocol Lab". */
export function useDocumentTitle(pageTitle: string | undefined): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · Protocol Lab` : 'Protocol Lab';
  }, [pageTitle]);
}
