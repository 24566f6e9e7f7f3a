/**
 * Every command's usage line, in a module of their own: `assure --help` and each command's
 * `--help` load this and nothing else (src/cli/main.ts loads a command's code only to run it).
 */
export const ADMIN_USAGE = "assure admin add|remove <email or Entra object id> [--last] | list   who administers Assure (besides ASSURE_ADMINS)";
export const IMPORT_USAGE =
  "assure import <file.docx|.xlsx|.csv|.tsv> [--plan <id>] [--board <name>] [--title \"<plan title>\"] [--header <table>:<row>]… [--map <table>:<column>=<field>]… [--lead \"<as written>=<lead id>\"]… [--dry-run] [--format text|json]   read a plan document and store it (again: updates in place by ref) | assure import --restore <backup.json>";
export const SWEEP_USAGE = "assure sweep [--at <ISO time>] [--dry-run]  send the reminders and digests due (as if at that time); --dry-run shows each card's text";
export const DIGEST_USAGE = "assure digest [--at <ISO time>] [--subgroup <name>] [--dry-run]  send this week's digests; --dry-run shows each one's text";
export const TIMESCALE_USAGE = "assure timescale <text>...              read timescales as boards write them";
export const EXPORT_USAGE =
  "assure export --format json (a whole-site backup) | --plan <id> --format docx|xlsx|csv --out <file> [--as-of <date>] [--since <date>]   every plan as JSON, or one plan as a Word board paper, a workbook or CSV";
export const START_USAGE = "assure start [--port 3978]             run the Assure server (local mode: on localhost; tenant mode: on every interface, port PORT)";
export const PROVISION_USAGE = `assure provision --site <site>          create or upgrade Assure's lists in a site
  assure provision --print-template        print the site script of the lists' views and formatting, for a SharePoint administrator`;
export const LISTS_USAGE = "assure lists --as-sharepoint --out <file.xlsx>   each of Assure's lists as SharePoint's Export to Excel shows its default view";
export const DOCTOR_USAGE = "assure doctor [--deep [--mail-test]]   check settings, sign-in, the site, its lists, the bot and the tab; --deep tries SharePoint's behaviours on a scratch list and what the tenant granted (token roles, the app catalog, group membership); --mail-test also emails the board mailbox";
export const EMULATOR_USAGE = "assure emulator [--port N] [--data DIR]  run the Graph emulator on its own";
export const REPORT_USAGE = 'assure report annual --year <2022/23> --board "<board>" --out <file.docx>   one board\'s annual report: its reviews and business plan sections (Care Act 2014 Sch. 2 para. 4), as at the year end (--board all: every board\'s plans together)';
export const PACKAGE_USAGE = "assure package [--out <zip>]            build the Teams app package from appPackage/ and the environment";
export const REGISTER_REPORT_USAGE =
  'assure report themes --board "<board>" [--format json|xlsx] [--out <file>] [--as-of <date>] | report findings --board "<board>" --out <file.docx|file.html> [--as-of <date>]   findings by theme across reviews; the public record of findings and actions';
export const AGENCIES_REPORT_USAGE =
  'assure report agencies --board "<board>" [--as-at <dd/mm/yyyy>] [--format json|xlsx] [--out <file>]   per agency: actions open, overdue and complete, days to answer a reminder, the longest unanswered, whom to contact; and the board\'s challenge log';
