import { RATING_FILL, UNRATED_FILL } from "../core/rag.js";
import { listDefinition, type ListKey } from "./list-schema.js";
import { DUE_SOON_DAYS } from "../core/due-soon.js";

/**
 * The views and column formatting a board sees when it opens Assure's lists in SharePoint.
 * Graph has no view or formatting API, so they go to the administrator as a site script
 * (`assure provision --print-template`, docs/deploy.md); the same definitions give the columns
 * and order of `assure lists --as-sharepoint`.
 */
export interface ViewDefinition {
  list: ListKey;
  name: string;
  /** Internal names; LinkTitle is Title as a link to the item. */
  viewFields: string[];
  /** CAML: the Where, GroupBy and OrderBy of the view's query. */
  query: string;
  makeDefault?: boolean;
  /** View formatting (row classes), as SharePoint's view-formatting JSON. */
  formatterJSON?: object;
}

const ref = (name: string, extra = "") => `<FieldRef Name="${name}"${extra} />`;
const open = `<Eq>${ref("ActionState")}<Value Type="Choice">Open</Value></Eq>`;
const today = (offsetDays = 0) => (offsetDays === 0 ? "<Today />" : `<Today OffsetDays="${offsetDays}" />`);
const byDeadline = `<OrderBy>${ref("Deadline")}</OrderBy>`;

/** An open action whose deadline day has passed (the deadline day itself is not late). */
const OVERDUE_ROW = {
  $schema: "https://developer.microsoft.com/json-schemas/sp/v2/row-formatting.schema.json",
  additionalRowClass: "=if([$ActionState] == 'Open' && toString([$Deadline]) != '' && Number([$Deadline]) + 86400000 <= Number(@now), 'sp-field-severity--blocked', '')",
};

const ACTION_FIELDS = ["LinkTitle", "LeadAsWritten", "LeadPeople", "Deadline", "RAG", "ActionState", "LatestUpdateText", "LatestUpdateOn"];

export const VIEWS: ViewDefinition[] = [
  {
    list: "actions",
    name: "By plan",
    viewFields: ACTION_FIELDS,
    query: `<GroupBy Collapse="FALSE" GroupLimit="100">${ref("Plan")}${ref("Section")}</GroupBy><OrderBy>${ref("Ref")}</OrderBy>`,
    makeDefault: true,
    formatterJSON: OVERDUE_ROW,
  },
  {
    list: "actions",
    name: "Overdue",
    viewFields: ACTION_FIELDS,
    query: `<Where><And><Lt>${ref("Deadline")}<Value Type="DateTime">${today()}</Value></Lt>${open}</And></Where>${byDeadline}`,
    formatterJSON: OVERDUE_ROW,
  },
  {
    list: "actions",
    name: `Due within ${DUE_SOON_DAYS} days`,
    viewFields: ACTION_FIELDS,
    query: `<Where><And><And><Geq>${ref("Deadline")}<Value Type="DateTime">${today()}</Value></Geq><Leq>${ref("Deadline")}<Value Type="DateTime">${today(DUE_SOON_DAYS)}</Value></Leq></And>${open}</And></Where>${byDeadline}`,
  },
  {
    list: "actions",
    name: "My actions",
    viewFields: ACTION_FIELDS,
    // [Me]: the signed-in person among the lead's people.
    query: `<Where><And><Eq>${ref("LeadPeople", ' LookupId="TRUE"')}<Value Type="Integer"><UserID Type="Integer" /></Value></Eq>${open}</And></Where>${byDeadline}`,
    formatterJSON: OVERDUE_ROW,
  },
  {
    list: "actions",
    name: "By lead",
    viewFields: ACTION_FIELDS,
    query: `<GroupBy Collapse="FALSE" GroupLimit="100">${ref("LeadAsWritten")}</GroupBy>${byDeadline}`,
    formatterJSON: OVERDUE_ROW,
  },
  {
    list: "plans",
    name: "Plans",
    viewFields: ["LinkTitle", "PlanKind", "PlanState", "Review", "StartsOn", "EndsOn", "IssuedDate"],
    query: `<OrderBy>${ref("Title")}</OrderBy>`,
    makeDefault: true,
  },
  {
    list: "progressUpdates",
    name: "Latest first",
    viewFields: ["Given", "AuthorName", "ActionId", "UpdateText", "RAG", "ProposedDeadlineOn", "ProposedDeadlineReason", "MarkedComplete", "EvidenceLinks", "GivenThrough"],
    query: `<OrderBy>${ref("Given", ' Ascending="FALSE"')}</OrderBy>`,
    makeDefault: true,
  },
  {
    list: "people",
    name: "People",
    viewFields: ["DisplayName", "JobTitle", "Email", "Person", "ReachedBy"],
    query: `<OrderBy>${ref("DisplayName")}</OrderBy>`,
    makeDefault: true,
  },
  {
    list: "changes",
    name: "Latest first",
    viewFields: ["When", "PersonName", "Did", "Record", "SubjectLabel", "Summary"],
    query: `<OrderBy>${ref("When", ' Ascending="FALSE"')}</OrderBy>`,
    makeDefault: true,
  },
];

/** A choice as a coloured pill that still says its word, so the rating is never shown by colour alone. */
const ragPill = {
  $schema: "https://developer.microsoft.com/json-schemas/sp/v2/column-formatting.schema.json",
  elmType: "div",
  txtContent: "@currentField",
  style: {
    display: "=if(@currentField == '', 'none', 'inline-block')",
    padding: "2px 10px",
    "border-radius": "12px",
    color: "=if(@currentField == 'Amber', '#000000', '#ffffff')",
    "background-color": `=if(@currentField == 'Red', '#${RATING_FILL.red}', if(@currentField == 'Amber', '#${RATING_FILL.amber}', if(@currentField == 'Green', '#${RATING_FILL.green}', if(@currentField == 'Complete', '#${RATING_FILL.complete}', '#${UNRATED_FILL}'))))`,
  },
};

export const FORMATTERS: { list: ListKey; column: string; formatterJSON: object }[] = [
  { list: "actions", column: "RAG", formatterJSON: ragPill },
  { list: "progressUpdates", column: "RAG", formatterJSON: ragPill },
];

export const defaultView = (list: ListKey): ViewDefinition | undefined => VIEWS.find((v) => v.list === list && v.makeDefault);

const SCRIPT_SCHEMA = "https://developer.microsoft.com/json-schemas/sp/site-design-script-actions.schema.json";

/**
 * The site script an administrator applies once (and again after an upgrade): `createSPList` on
 * a list that exists updates it, and a view of the same name is replaced, so it is idempotent.
 * Apply it after `assure provision` has made the lists and columns.
 */
export function siteScript(): { $schema: string; actions: object[] } {
  const lists = [...new Set([...VIEWS.map((v) => v.list), ...FORMATTERS.map((f) => f.list)])];
  return {
    $schema: SCRIPT_SCHEMA,
    actions: lists.map((key) => {
      const definition = listDefinition(key);
      const displayNameOf = (name: string) => definition.columns.find((c) => c.name === name)?.displayName ?? name;
      return {
        verb: "createSPList",
        listName: definition.displayName,
        templateType: 100,
        subactions: [
          ...VIEWS.filter((v) => v.list === key).map((v) => ({
            verb: "addSPView",
            name: v.name,
            viewFields: v.viewFields,
            query: v.query,
            rowLimit: 100,
            isPaged: true,
            makeDefault: v.makeDefault === true,
            ...(v.formatterJSON ? { formatterJSON: v.formatterJSON } : {}),
          })),
          ...FORMATTERS.filter((f) => f.list === key).map((f) => ({ verb: "setSPFieldCustomFormatter", fieldDisplayName: displayNameOf(f.column), formatterJSON: f.formatterJSON })),
        ],
      };
    }),
  };
}
