// The hardening decisions of the Electron shell, tested without Electron.
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, withSecurityHeaders } from '../../electron/security/csp';
import { createWindowOptions } from '../../electron/security/window-options';
import { denyWindowOpen, guardNavigation } from '../../electron/security/navigation';
import { ALLOWED_PERMISSIONS, denyDevicePermission, handlePermissionCheck, handlePermissionRequest } from '../../electron/security/permissions';
import { createRequestFilter, isRequestAllowed } from '../../electron/security/network';
import { isTrustedSender } from '../../electron/security/sender';

describe('window options', () => {
  it('isolates and sandboxes the renderer without Node or webviews', () => {
    const options = createWindowOptions({ preloadPath: '/app/preload.cjs', allowDevTools: false });
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('content security policy', () => {
  it('allows only the app itself, WebAssembly compilation and inline styles', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((part) => {
      const [name = '', ...values] = part.split(' ');
      return [name, values.join(' ')];
    }));
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'worker-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    // Cross-origin isolated: the renderer may share memory with its workers.
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('replaces a weaker policy in response headers, whatever its case', () => {
    const headers = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['Content-Type']).toEqual(['text/html']);
  });
});

describe('navigation and new windows', () => {
  it('blocks navigation away from app://ketenlens', () => {
    for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'app://user@ketenlens/']) {
      const event = { preventDefault: vi.fn() };
      expect(guardNavigation(event, url)).toBe(false);
      expect(event.preventDefault).toHaveBeenCalledOnce();
    }
    const own = { preventDefault: vi.fn() };
    expect(guardNavigation(own, 'app://ketenlens/index.html')).toBe(true);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every new window', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  const ours = 'app://ketenlens/index.html';
  const request = (permission: string, requestingUrl?: string) => {
    const callback = vi.fn();
    handlePermissionRequest(null, permission, callback, requestingUrl === undefined ? undefined : { requestingUrl });
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]?.[0] as boolean;
  };

  it('allows exactly the clipboard write, and only for app://ketenlens', () => {
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(request('clipboard-sanitized-write', ours)).toBe(true);
    expect(handlePermissionCheck(null, 'clipboard-sanitized-write', 'app://ketenlens', { requestingUrl: ours })).toBe(true);
    expect(handlePermissionCheck(null, 'clipboard-sanitized-write', 'app://ketenlens')).toBe(true);
  });

  it('refuses the clipboard write to every other origin', () => {
    for (const url of ['https://example.org/', 'http://127.0.0.1:5173/', 'file:///tmp/x.html', 'app://other/index.html', 'app://user:pw@ketenlens/', 'null', '']) {
      expect(request('clipboard-sanitized-write', url)).toBe(false);
      expect(handlePermissionCheck(null, 'clipboard-sanitized-write', url)).toBe(false);
    }
    expect(request('clipboard-sanitized-write')).toBe(false);
    // Our origin named, but the page asking is elsewhere (e.g. a frame): refused.
    expect(handlePermissionCheck(null, 'clipboard-sanitized-write', 'app://ketenlens', { requestingUrl: 'https://example.org/' })).toBe(false);
  });

  it('refuses every other permission, also for our origin', () => {
    for (const permission of ['clipboard-read', 'deprecated-sync-clipboard-read', 'media', 'notifications', 'geolocation', 'hid', 'openExternal', 'fullscreen', 'unknown']) {
      expect(request(permission, ours)).toBe(false);
      expect(handlePermissionCheck(null, permission, 'app://ketenlens', { requestingUrl: ours })).toBe(false);
    }
    expect(denyDevicePermission()).toBe(false);
  });
});

describe('network requests', () => {
  it('cancels everything that is not app://ketenlens', () => {
    const policy = { allowDevTools: false };
    expect(isRequestAllowed('app://ketenlens/assets/sql-wasm.wasm', policy)).toBe(true);
    expect(isRequestAllowed('blob:app://ketenlens/2b1c', policy)).toBe(true);
    for (const url of ['https://tiles.example/', 'http://127.0.0.1:8080/', 'ws://x/', 'file:///home/a.age', 'devtools://devtools/', 'blob:https://x/1']) {
      expect(isRequestAllowed(url, policy)).toBe(false);
    }
    expect(isRequestAllowed('devtools://devtools/bundled/x.html', { allowDevTools: true })).toBe(true);
    const callback = vi.fn();
    createRequestFilter(policy)({ url: 'https://example.org/' }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });
});

describe('IPC sender validation', () => {
  const mainFrame = { url: 'app://ketenlens/index.html' };
  it('accepts only the main frame of our window on app://ketenlens', () => {
    expect(isTrustedSender({ senderFrame: mainFrame, trustedMainFrame: mainFrame })).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'app://ketenlens/index.html' }, trustedMainFrame: mainFrame })).toBe(false);
    expect(isTrustedSender({ senderFrame: null, trustedMainFrame: mainFrame })).toBe(false);
    expect(isTrustedSender({ senderFrame: mainFrame, trustedMainFrame: null })).toBe(false);
    const navigatedAway = { url: 'https://evil.example/' };
    expect(isTrustedSender({ senderFrame: navigatedAway, trustedMainFrame: navigatedAway })).toBe(false);
  });
});
