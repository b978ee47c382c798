/* SPDX-License-Identifier: ISC */
/*
 * The markup of the report's text formats: one row per piece of markup,
 * one column per format (RST_MK_HTML, RST_MK_MD), and how each format
 * shows each kind of text (enum rst_wrap).  A format's hooks (struct
 * rst_mk) write what takes more than a string.
 */
#include "config.h"

#include "report.h"
#include "sections.h"

const char *const rst_markup[RST_MK_COUNT][RST_MK_FORMATS] = {
	[RST_MK_DASH] = { "&#8211;", "-" },
	[RST_MK_DOT] = { " &#183; ", ", " },
	[RST_MK_SEMI] = { " &#183; ", "; " },
	[RST_MK_BR] = { "<br>", "; " },
	[RST_MK_WARN] = { "&#9888; ", "" },
	[RST_MK_H3] = { "<h3>", "### " },
	[RST_MK_H3_END] = { "</h3>", "\n\n" },
	[RST_MK_PARA_END] = { "</p>", "\n\n" },
	[RST_MK_FACTS_END] = { "</table></div>\n", "\n" },
	[RST_MK_FACT] = { "<tr><th scope=\"row\">", "- **" },
	[RST_MK_FACT_MID] = { "</th><td>", ":** " },
	[RST_MK_FACT_END] = { "</td></tr>", "\n" },
	[RST_MK_TH] = { "<th scope=\"col\">", "| " },
	[RST_MK_TH_END] = { "</th>", " " },
	[RST_MK_THEAD_END] = { "</tr></thead><tbody>", "|\n" },
	[RST_MK_RULE] = { "", "|---" },
	[RST_MK_RULE_END] = { "", "|\n" },
	[RST_MK_ROW_END] = { "</td></tr>", " |\n" },
	[RST_MK_TABLE_END] = { "</tbody></table></div>\n", "\n" },
	[RST_MK_TITLE] = { "<header><h1>", "# " },
	[RST_MK_TITLE_END] = { "</h1>", "\n\n" },
	[RST_MK_ITEM_SEP] = { " &#183; ", "" },
	[RST_MK_ITEM] = { "<strong>", "- **" },
	[RST_MK_ITEM_MID] = { ":</strong> ", ":** " },
	[RST_MK_ITEM_END] = { "", "\n" },
	[RST_MK_LINE_END] = { "</p>", "" },
	[RST_MK_LINES_END] = { "", "\n" },
	[RST_MK_HEAD_END] = { "</header>\n", "" },
	[RST_MK_ASIDE] = { " &#8212; ", " - " },
	[RST_MK_H2] = { "<h2>", "## " },
	[RST_MK_H2_END] = { "</h2>", "\n\n" },
	[RST_MK_STATUS_END] = { "</div></section>\n", "**\n\n" },
	[RST_MK_BANNER_TEXT_END] = { "</p>", "**\n\n" },
	[RST_MK_BANNER_END] = { "</div>", "" },
	[RST_MK_TERMS] = { "<dl class=\"glossary\">", "" },
	[RST_MK_TERM_END] = { "</dd>", "\n" },
	[RST_MK_TERMS_END] = { "</dl>", "\n" },
	[RST_MK_VERDICT_MID] = { "</strong><ul>", "**\n\n" },
	[RST_MK_VERDICT_END] = { "</ul></div>\n", "\n" },
	[RST_MK_KEEP] = { "<div class=\"keep\">", "" },
	[RST_MK_KEEP_END] = { "</div>", "" },
	[RST_MK_FIGURE_END] = { "</figure>", "" },
	[RST_MK_BLOCK_END] = { "\n", "" },
	[RST_MK_UNTIL] = { "&#8594; ", "→ " },
	[RST_MK_CHECKS] = { "<ul class=\"checks\">", "" },
	[RST_MK_CHECK] = { "<li>", "" },
	[RST_MK_CHECK_SEP] = { "", "; " },
	[RST_MK_CHECK_END] = { "</li>", "" },
	[RST_MK_CHECKS_END] = { "</ul>", "" },
	[RST_MK_PART_END_INTEGRITY] = { "</section>\n", "" },
	[RST_MK_PART_END_SUMMARY] = { "</section>\n", "" },
	[RST_MK_PART_END_GLOSSARY] = { "</section>\n", "" },
	[RST_MK_PART_END_CONTROLS] = { "</section>\n", "" },
	[RST_MK_PART_END_PROFILE] = { "</section>\n", "" },
	[RST_MK_PART_END_FOOTER] = { "</footer>\n", "" },
};

/* Commands are shell text: verbatim in Markdown, never escaped; a command
 * quoted in a line has no backquote (the report quotes no such path). */
const struct rst_mk_wrap rst_markup_wrap[RST_W_COUNT][RST_MK_FORMATS] = {
	[RST_W_TEXT] = { { "", "", NULL }, { "", "", NULL } },
	[RST_W_CODE] = { { "<code>", "</code>", NULL }, { "", "", NULL } },
	[RST_W_HASH] = { { "<code>", "</code>", NULL }, { "`", "`", NULL } },
	[RST_W_STRONG] = {
	    { "<strong>", "</strong>", NULL }, { "", "", NULL } },
	[RST_W_ID] = {
	    { "<code class=\"id\">", "</code>", NULL }, { "", "", NULL } },
	[RST_W_TERM] = {
	    { "<dt>", "</dt><dd>", NULL }, { "- **", ":** ", NULL } },
	[RST_W_PRE] = { { "<pre>", "</pre>", NULL }, { "; ", "", NULL } },
	[RST_W_SCRIPT] = {
	    { "<pre class=\"cmd\" translate=\"no\">", "</pre>\n", NULL },
	    { "```sh\n", "```\n\n", "" } },
	[RST_W_CMD] = {
	    { "<code class=\"cmd\">", "</code>", NULL },
	    { "`", "`", "`\r\n" } },
	[RST_W_ALERT] = {
	    { "<span class=\"pill fail sec\">&#9888; ", "</span>", NULL },
	    { "**", "**", NULL } },
};
