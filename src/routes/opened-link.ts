// The address the app was opened with, read once at start-up. The router drops malformed
// search params from the address as it loads, so this is the only place they can be seen.
export const openedLink = { pathname: window.location.pathname, search: window.location.search };
