// Hash routes, so the app works from any static host and from the service worker's single cached page.

/** A project's sections in the order its tab bar shows them, with their names for people. */
export const PROJECT_TABS = [
  { id: 'annotate', name: 'Annotate' },
  { id: 'model', name: 'Model' },
  { id: 'review', name: 'Review' },
  { id: 'import', name: 'Import' },
  { id: 'sync', name: 'Sync' },
  { id: 'settings', name: 'Settings' },
] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number]['id'];

export type Route = { screen: 'projects' } | { screen: 'new' } | { screen: 'project'; projectId: string; tab: ProjectTab };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { screen: 'new' };
  if (parts[0] === 'project' && parts[1]) {
    const tab = PROJECT_TABS.find((t) => t.id === parts[2])?.id ?? 'annotate';
    return { screen: 'project', projectId: parts[1], tab };
  }
  return { screen: 'projects' };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'projects':
      return '#/';
    case 'new':
      return '#/new';
    case 'project':
      return `#/project/${encodeURIComponent(route.projectId)}/${route.tab}`;
  }
}

class Router {
  route = $state<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

  constructor() {
    if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
  }

  go(route: Route): void {
    const hash = routeHash(route);
    if (location.hash !== hash) location.hash = hash;
    this.route = route;
  }
}

export const router = new Router();
