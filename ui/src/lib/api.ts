// The one module that talks to the Rust shell. Every command of the generated bindings is
// wrapped here: a failure becomes an `ApiError` with the shell's stable `code`, its Vietnamese
// `message` and its `detail`; the document's JSON is typed with the model's generated types.
import {
  commands,
  type ChangedDocumentView,
  type CitationView,
  type BodyView,
  type CommandError,
  type CommentView,
  type ConnectionView,
  type DocumentParts,
  type DocumentTypeView,
  type GroupPlaceView,
  type TemplateView,
  type DiagnosticView,
  type DiffLineView,
  type DirectoryView,
  type DirectoryEditInput,
  type DirectoryEntriesView,
  type DelegationInput,
  type PersonEntry,
  type RecipientGroupView,
  type RegisterView,
  type UnitView,
  type DraftedDutiesView,
  type PastedReferenceView,
  type RegisterEntryView,
  type RegisterFileFormat,
  type ReviewChangesView,
  type SignerView,
  type DocumentRow,
  type DocumentState,
  type ExportFormat,
  type IssuedView,
  type KeyInput,
  type KeySourcesView,
  type SlotView,
  type TokensView,
  type TokenView,
  type OpenDocument as OpenDocumentJson,
  type PersonView,
  type PickedFileView,
  type PreviewView,
  type RevisionView,
  type CertificateFileView,
  type SigningFileKind,
  type SigningMaterialView,
  type StyleEntryView,
  type StyleProfileView,
  type StyleValueInput,
  type TaskView,
  type TaskDetailView,
  type TaskFilterInput,
  type ReportInputView,
  type ReportView,
  type RemindersView,
  type FollowerView,
  type PickedReportFile,
  type StatusChoice,
  type AttachmentInput,
  type CertifyInput,
  type CertifiedView,
  type CopyChoicesView,
  type CopyEntryView,
  type CopyKindInput,
  type CopyFileForm,
  type CopySignerView,
  type PartChoice,
  type PrintFormat,
  type OrganView,
  type PackageSentView,
  type EdxmlMessageView,
  type DistributionStatusView,
  type DistributionView,
  type EmailPanelView,
  type EmailStatusView,
  type EmailResultView,
  type EmailRecipientView,
  type EmailSentView,
} from "./bindings";
import type { Document } from "./document";

export type {
  BodyView,
  CertificateFileView,
  CitationView,
  CommentView,
  ConnectionView,
  DocumentParts,
  DocumentTypeView,
  GroupPlaceView,
  TemplateView,
  DiagnosticView,
  DiffLineView,
  DirectoryView,
  DirectoryEditInput,
  DirectoryEntriesView,
  DelegationInput,
  PersonEntry,
  RecipientGroupView,
  RegisterView,
  UnitView,
  PastedReferenceView,
  RegisterEntryView,
  RegisterFileFormat,
  ReviewChangesView,
  SignerView,
  DocumentRow,
  DocumentState,
  ExportFormat,
  IssuedView,
  KeyInput,
  KeySourcesView,
  PersonView,
  PickedFileView,
  PreviewView,
  RevisionView,
  SigningFileKind,
  SigningMaterialView,
  SlotView,
  TokensView,
  TokenView,
  StyleEntryView,
  StyleProfileView,
  StyleValueInput,
  TaskView,
  TaskDetailView,
  TaskFilterInput,
  ReportInputView,
  ReportView,
  RemindersView,
  FollowerView,
  PickedReportFile,
  StatusChoice,
  AttachmentInput,
  CertifyInput,
  CertifiedView,
  CopyChoicesView,
  CopyEntryView,
  CopyKindInput,
  CopyFileForm,
  CopySignerView,
  PartChoice,
  PrintFormat,
  OrganView,
  EdxmlMessageView,
  DistributionStatusView,
  DistributionView,
  EmailPanelView,
  EmailStatusView,
  EmailResultView,
  EmailRecipientView,
};
export type { DocumentAction } from "./bindings";

/** A document opened in the editor, its content typed by the model. */
export type OpenDocument = Omit<OpenDocumentJson, "document"> & { document: Document };

/** A failed command. */
export class ApiError extends Error {
  readonly code: string;
  readonly detail: string | null;

  constructor(e: CommandError) {
    super(e.message);
    this.name = "ApiError";
    this.code = e.code;
    this.detail = e.detail;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: CommandError };

/** The error of a rejected call: the command's own `{code, message, detail}`, or a failure of
 * the bridge itself (a refused permission, an argument of the wrong shape), which Tauri gives
 * as a bare string. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (
    typeof error === "object" &&
    error !== null &&
    typeof (error as CommandError).code === "string" &&
    typeof (error as CommandError).message === "string"
  ) {
    const e = error as CommandError;
    return new ApiError({ code: e.code, message: e.message, detail: e.detail ?? null });
  }
  return new ApiError({
    code: "ipc",
    message: "Ứng dụng không thực hiện được yêu cầu.",
    detail: error instanceof Error ? error.message : String(error),
  });
}

async function call<T>(outcome: Promise<Outcome<T>>): Promise<T> {
  let r: Outcome<T>;
  try {
    r = await outcome;
  } catch (e) {
    throw toApiError(e);
  }
  if (r.status === "error") throw toApiError(r.error);
  return r.data;
}

function typed(open: OpenDocumentJson): OpenDocument {
  // The shell sends the model's JSON, whose shape docs/vanban-1.schema.json describes.
  return { ...open, document: open.document as unknown as Document };
}

const json = (doc: Document) => doc as unknown as Parameters<typeof commands.saveDocument>[2];

/** A document just issued: its number and date, and the document as it is now. */
export type Issued = Omit<IssuedView, "document"> & { document: OpenDocument };

/** An edXML package written and recorded as sent, with the document as it is now. */
export type PackageSent = Omit<PackageSentView, "document"> & { document: OpenDocument };

/** A batch of e-mail sent, with the document as it is now. */
export type EmailSent = Omit<EmailSentView, "document"> & { document: OpenDocument };

/** A document the shell changed, typed by the model. */
export type ChangedDocument = { document: Document; added: number };

const changed = (out: ChangedDocumentView): ChangedDocument => ({
  document: out.document as unknown as Document,
  added: out.added,
});

export const api = {
  databaseConnection: () => call(commands.databaseConnection()),
  /** Connects to a file or a server (`password` for this connection only, never stored). */
  connectDatabase: (database: string, password: string | null, rootCertificate: string | null) =>
    call(commands.connectDatabase(database, password, rootCertificate)),
  people: () => call(commands.people()),
  choosePerson: (login: string, pin: string | null) => call(commands.choosePerson(login, pin)),
  changePin: (old: string | null, pin: string | null) => call(commands.changePin(old, pin)),
  clearPin: (login: string) => call(commands.clearPin(login)),
  editDirectory: (body: string, edit: DirectoryEditInput) => call(commands.editDirectory(body, edit)),
  /** A certificate or image for the directory, from the system's open dialog (null: cancelled). */
  pickSigningFile: (kind: SigningFileKind) => call(commands.pickSigningFile(kind)),
  listDocuments: (filter: DocumentState | null) => call(commands.listDocuments(filter)),
  documentTypes: () => call(commands.documentTypes()),
  createBlank: (docType: string) => call(commands.createBlank(docType)),
  createFromFile: () => call(commands.createFromFile()),
  templates: () => call(commands.templates()),
  createFromTemplate: (name: string) => call(commands.createFromTemplate(name)),
  saveAsTemplate: (id: number, name: string) => call(commands.saveAsTemplate(id, name)),
  deleteTemplate: (name: string) => call(commands.deleteTemplate(name)),
  searchLibrary: (query: string) => call(commands.searchLibrary(query)),
  addCitation: async (doc: Document, lead: string, number: string) =>
    changed(await call(commands.addCitation(json(doc), lead, number))),
  insertRecipientGroup: async (doc: Document, group: string, place: GroupPlaceView, expand: boolean) =>
    changed(await call(commands.insertRecipientGroup(json(doc), group, place, expand))),
  loadDocument: async (id: number) => typed(await call(commands.loadDocument(id))),
  /** Saves `doc`, edited from revision `base`: a later revision saved meanwhile by someone
   * else is refused with the code `revision-conflict`. */
  saveDocument: (id: number, base: number, doc: Document) =>
    call(commands.saveDocument(id, base, json(doc))),
  checkDocument: (doc: Document) => call(commands.checkDocument(json(doc))),
  /** The pages' keys; the pictures of the pages `near` (indices) are drawn `widthPx` wide at
   * once, to be asked for. */
  previewDocument: (doc: Document, marked: string[] = [], near: number[] = [], widthPx = 760) =>
    call(commands.previewDocument(json(doc), marked, near, widthPx)),
  /** The first pages of a long document just opened, typeset from its beginning: the same
   * pages (by key) `previewDocument` gives, sooner; none for a short document. */
  previewFirstPages: (doc: Document, marked: string[] = [], near: number[] = [], widthPx = 760) =>
    call(commands.previewFirstPages(json(doc), marked, near, widthPx)),
  submit: async (id: number) => typed(await call(commands.submitDocument(id))),
  approve: async (id: number) => typed(await call(commands.approveDocument(id))),
  returnToDraft: async (id: number, reason: string) =>
    typed(await call(commands.returnDocument(id, reason))),
  /** Ký: digitally with the person's key (their certificate file's password, or their USB
   * token's PIN), else on paper. */
  sign: async (id: number, key: KeyInput | null = null) =>
    typed(await call(commands.signDocument(id, key))),
  discard: async (id: number) => typed(await call(commands.discardDocument(id))),
  /** Ban hành; with the body's key (certificate file's password or USB token's PIN) for a
   * document signed digitally. */
  issue: async (id: number, key: KeyInput | null = null): Promise<Issued> => {
    const out = await call(commands.issueDocument(id, key));
    return { ...out, document: typed(out.document) };
  },
  /** The USB tokens the chosen PKCS#11 module sees now. */
  tokens: () => call(commands.tokenList()),
  /** Chooses the PKCS#11 module in the system's open dialog; null when cancelled. */
  chooseTokenModule: () => call(commands.chooseTokenModule()),
  exportDocument: (id: number, format: ExportFormat) => call(commands.exportDocument(id, format)),
  directory: () => call(commands.directory()),
  /** The style profile of the person's body, with each value's allowed range. */
  styleProfile: () => call(commands.styleProfile()),
  /** Saves changed values of the style profile (administrators only); a refused value's key is
   * the error's `detail`. */
  saveStyle: (values: StyleValueInput[]) => call(commands.saveStyle(values)),
  /** Back to the decree's default style sheet (administrators only). */
  resetStyle: () => call(commands.resetStyle()),
  parseReferences: (text: string) => call(commands.parseReferences(text)),
  draftDuties: async (doc: Document) => {
    const out: DraftedDutiesView = await call(commands.draftDuties(json(doc)));
    return { ...out, document: out.document as unknown as Document };
  },
  comment: (id: number, anchor: string, text: string) =>
    call(commands.commentDocument(id, anchor, text)),
  reviewChanges: (id: number) => call(commands.reviewChanges(id)),
  search: (text: string) => call(commands.searchDocuments(text)),
  copyDocument: (id: number) => call(commands.copyDocument(id)),
  waiting: () => call(commands.waitingDocuments()),
  registerEntries: (year: number) => call(commands.registerEntries(year)),
  exportRegister: (year: number, format: RegisterFileFormat) =>
    call(commands.exportRegister(year, format)),
  recordDistribution: async (id: number, recipient: string, channel: string, note: string | null) =>
    typed(await call(commands.recordDistribution(id, recipient, channel, note))),
  trackedTasks: (filter: TaskFilterInput) => call(commands.trackedTasks(filter)),
  trackedTask: (id: number) => call(commands.trackedTask(id)),
  reportTask: (id: number, report: ReportInputView) => call(commands.reportTask(id, report)),
  pickReportFile: () => call(commands.pickReportFile()),
  assignFollower: (plan: number, login: string) => call(commands.assignFollower(plan, login)),
  taskReminders: () => call(commands.taskReminders()),
  draftPlanReport: (plan: number) => call(commands.draftPlanReport(plan)),
  exportTracking: (plan: number, format: RegisterFileFormat) =>
    call(commands.exportTracking(plan, format)),
  /** What the copy form offers for an issued document. */
  copyChoices: (id: number) => call(commands.copyChoices(id)),
  /** Makes a copy into a file chosen in the save dialog (null: cancelled, no copy made). */
  certify: (id: number, request: CertifyInput, key: KeyInput | null = null) =>
    call(commands.certifyDocument(id, request, key)),
  copyRegister: (year: number) => call(commands.copyRegisterEntries(year)),
  exportCopyRegister: (year: number, format: PrintFormat) => call(commands.exportCopyRegister(year, format)),
  /** The agencies (organ ids) a document's body sends edXML packages to. */
  exchangeOrgans: (id: number) => call(commands.exchangeOrgans(id)),
  /** Writes the edXML package for `to` into a file chosen in the save dialog and records it
   * sent to each (null: cancelled, nothing recorded). */
  exportEdxml: async (id: number, to: string[], key: KeyInput | null = null): Promise<PackageSent | null> => {
    const out = await call(commands.exportEdxml(id, to, key));
    return out && { ...out, document: typed(out.document) };
  },
  /** Reads an edXML file picked in the open dialog: a status is recorded, a package shown. */
  readEdxml: () => call(commands.readEdxml()),
  /** Where each recipient of an issued document's e-mail stands, and the server. */
  emailPanel: (id: number) => call(commands.emailPanel(id)),
  /** Sends to those not yet sent (or only `to`); `password` when the server asks for one. */
  sendEmail: async (id: number, to: string[], password: string | null): Promise<EmailSent> => {
    const out = await call(commands.sendEmail(id, to, password));
    return { ...out, document: typed(out.document) };
  },
};
