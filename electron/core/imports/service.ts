/**
 * Importing orgs from other tools: preview, then apply (docs/ARCHITECTURE.md, "Importers").
 */
import type { ImportApplyRequest, ImportPreview, ImportPreviewRequest, ImportResult } from '../../../shared/imports';
import { OrgKeyError } from '../errors';

export interface ImportService {
  /** Read the source and answer what would be imported; nothing is stored. */
  preview(request: ImportPreviewRequest): Promise<ImportPreview>;
  /** Store the preview's chosen rows; a failed row leaves the others imported. */
  apply(request: ImportApplyRequest): Promise<ImportResult>;
}

export function createImportService(): ImportService {
  return {
    preview() {
      return Promise.reject(new OrgKeyError('INTERNAL'));
    },
    apply() {
      return Promise.reject(new OrgKeyError('IMPORT_PREVIEW_GONE'));
    },
  };
}
