// Ketenlens needs no browser permission (camera, notifications, clipboard-read, HID,
// geolocation …). Every request is refused and every check answers false.

export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

/** For setDevicePermissionHandler: no USB, serial or HID device. */
export function denyDevicePermission(): boolean {
  return false;
}
