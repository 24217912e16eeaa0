/* The status page's service worker: shows the messages the server pushes (title, body, the status page's link). */
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const call = data.tag === 'vuoro-call';
  event.waitUntil(
    self.registration.showNotification(data.title || 'Vuoro', {
      body: data.body || '',
      tag: data.tag || 'vuoro',
      renotify: true,
      requireInteraction: call,
      vibrate: call ? [400, 200, 400, 200, 400] : [300],
      data: { url: data.url || null },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (!url) return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
