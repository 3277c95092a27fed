// Where the platforms serve the photos citizens attach: the only places the desk loads images from the network.
// Not "any https": a photo address arrives in citizen-facing data, and an image request tells its host that (and
// when) an operator opened the appeal — a tracking pixel on the citizen's own server would. The platforms' own image
// hosts already know; nobody else learns anything. The page's CSP lists the same hosts (renderer/index.html; a unit
// test holds the two equal). A photo elsewhere is shown as a link line, never loaded.
export const PHOTO_HOSTS = [
  // VK: photo sizes are served from sunN-NN.userapi.com (the `sizes[].url` of a photo object).
  '*.userapi.com',
  // Odnoklassniki: i.mycdn.me and the newer *.okcdn.ru.
  '*.mycdn.me',
  '*.okcdn.ru',
  // Gosuslugi «Решаем вместе» attachments.
  'pos.gosuslugi.ru',
] as const;

/** The CSP source list for these hosts, https only. */
export const PHOTO_IMG_SOURCES: string = PHOTO_HOSTS.map((host) => `https://${host}`).join(' ');

/** True when an image at this (already https-checked) address may be loaded: its host is one of PHOTO_HOSTS. */
export function isPhotoHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return PHOTO_HOSTS.some((pattern) => pattern.startsWith('*.')
    ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
    : host === pattern);
}
