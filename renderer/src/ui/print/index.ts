// Shared printing for every feature (orders, decisions, reports): see docs/director-and-printing.md.
export { PrintPage, PrintSheet, type PrintPageProps, type PrintSheetProps } from './PrintPage';
export { PrintButton, canPrintToPdf, type PrintButtonProps } from './PrintButton';
