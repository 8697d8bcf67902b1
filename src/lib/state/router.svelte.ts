// Hash routes, so the app works from any static host and from the service worker's single cached page.

export type ProjectTab = 'annotate' | 'model' | 'review' | 'import' | 'sync' | 'settings';
export const PROJECT_TABS: ProjectTab[] = ['annotate', 'model', 'review', 'import', 'sync', 'settings'];

export type Route = { screen: 'projects' } | { screen: 'new' } | { screen: 'project'; projectId: string; tab: ProjectTab };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { screen: 'new' };
  if (parts[0] === 'project' && parts[1]) {
    const tab = PROJECT_TABS.find((t) => t === parts[2]) ?? 'annotate';
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
