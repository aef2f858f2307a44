// Electron IPC names are prefixed so no other ipcMain listener can be reached from the page.
export const ipcChannelName = (channel: string): string => `kabyl:${channel}`;
