package compose

import (
	"regexp"
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// bulletLine matches a line the coordinator wrote as a bullet: "- ", "• ",
// "o " or "* ", possibly indented for a nested item.
var bulletLine = regexp.MustCompile(`^(\s*)(?:[-•*]|o)\s+(.*)$`)

// cellBlocks converts the text of a spreadsheet cell into blocks. In a cell
// every line is its own paragraph, and a line starting with "- " or "• "
// is a bullet ("  - " a nested one). Markdown emphasis and links work as
// in the templates.
func cellBlocks(s string) []doc.Block {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var b strings.Builder
	prevList := false
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " \t")
		if strings.TrimSpace(l) == "" {
			b.WriteString("\n")
			prevList = false
			continue
		}
		if m := bulletLine.FindStringSubmatch(l); m != nil {
			if !prevList {
				b.WriteString("\n")
			}
			depth := len(m[1]) / 2
			b.WriteString(strings.Repeat("  ", depth) + "- " + escapeLead(m[2]) + "\n")
			prevList = true
			continue
		}
		b.WriteString("\n" + escapeLead(strings.TrimSpace(l)) + "\n")
		prevList = false
	}
	var out []doc.Block
	for _, mb := range parseMarkdown([]byte(b.String())) {
		if mb.block != nil {
			out = append(out, mb.block)
		}
	}
	return out
}

// leadMarker matches what Markdown would take for a block marker at the
// start of a line of plain text: "+ 16 %", "# 3", "> note", "1) …", a rule
// ("---", "***", "==="), a code fence ("```"), a link definition
// ("[1]: https://…", which Markdown removes from the text).
var (
	leadMarker  = regexp.MustCompile(`^([+#>])(\s|$)`)
	leadNumber  = regexp.MustCompile(`^(\d+)([.)])(\s|$)`)
	leadRule    = regexp.MustCompile(`^([-*_=])[-*_=\s]*$`)
	leadFence   = regexp.MustCompile("^(`{3,}|~{3,})")
	leadLinkDef = regexp.MustCompile(`^\[[^\]]*\]:`)
)

// literal escapes what Markdown would otherwise take from the text of a
// cell: a backslash (« C:\dossier\_x »), an entity (« &amp; »), a code
// span's backquotes. Emphasis (*, _) and links stay, as the guide says.
var literal = strings.NewReplacer(`\`, `\\`, "&", `\&`, "`", "\\`")

// escapeLead keeps a cell line literal when it starts like a Markdown
// block, and its backslashes, entities and backquotes as typed.
func escapeLead(s string) string {
	s = literal.Replace(s)
	switch {
	case leadRule.MatchString(s), leadFence.MatchString(s), leadLinkDef.MatchString(s):
		return `\` + s
	}
	s = leadMarker.ReplaceAllString(s, `\$1$2`)
	return leadNumber.ReplaceAllString(s, `$1\$2$3`)
}
