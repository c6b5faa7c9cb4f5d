import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
} from '@tanstack/react-router';
import { AppShell } from './ui/app-shell';
import { HomePage } from './routes/home-page';
import { NotFoundPage } from './routes/not-found-page';
import { parseLabSearch } from './routes/lab-search';
// Imported for its side effect: it records the opened address before the router rewrites it.
import './routes/opened-link';

const rootRoute = createRootRoute({
  component: AppShell,
  notFoundComponent: NotFoundPage,
});

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: HomePage,
});

// The JWT inspector keeps the token out of the URL: its route takes no search params.
const jwtRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/jwt',
  component: lazyRouteComponent(() => import('./tools/jwt/view/jwt-page'), 'JwtPage'),
});

export const tcpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tcp',
  validateSearch: parseLabSearch,
  component: lazyRouteComponent(() => import('./routes/tcp-page'), 'TcpPage'),
});

export const tlsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tls',
  validateSearch: parseLabSearch,
  component: lazyRouteComponent(() => import('./routes/tls-page'), 'TlsPage'),
});

const routeTree = rootRoute.addChildren([homeRoute, jwtRoute, tcpRoute, tlsRoute]);

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
