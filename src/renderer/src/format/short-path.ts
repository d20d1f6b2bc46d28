/**
 * A long path shortened in the middle, keeping its root and its last folders: the part that tells workspaces
 * apart. ("/Users/ana/…/shops/spring-shop")
 */
export function shortPath(path: string, max = 44): string {
  if (path.length <= max) return path;
  const separator = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const parts = path.split(separator);
  const head = parts.slice(0, path.startsWith(separator) ? 2 : 1).join(separator);
  let tail = parts[parts.length - 1] ?? '';
  for (let i = parts.length - 2; i > 1; i--) {
    const candidate = `${parts[i]}${separator}${tail}`;
    if (head.length + candidate.length + 3 > max) break;
    tail = candidate;
  }
  const shortened = `${head}${separator}…${separator}${tail}`;
  return shortened.length < path.length ? shortened : path;
}
