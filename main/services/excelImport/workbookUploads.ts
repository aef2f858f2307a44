// The district workbooks held between excelImport.upload and excelImport.confirm,
// by upload id. The app owns one map (AppPort.workbookUploads); nothing here is
// module-level, so two apps in one process (tests, a server) never share uploads.

export interface WorkbookUpload {
  owner: string;
  name: string;
  pieces: Buffer[];
  size: number;
  complete: boolean;
  /** what the last preview planned, to check the confirm writes the same */
  previewed: string | null;
}

export type WorkbookUploads = Map<string, WorkbookUpload>;
