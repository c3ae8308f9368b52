package compose

import (
	"strings"
	"testing"
)

// TestCellLinesPrintAsTyped: in a cell only bullets, **gras** and
// *italique* are Markdown (docs/sources.md, 3); a line that Markdown would
// take for a link definition, a rule or a code fence, and backslashes,
// entities and backquotes, print as typed instead of vanishing.
func TestCellLinesPrintAsTyped(t *testing.T) {
	cell := strings.Join([]string{
		"[1]: https://exemple.fr",
		"---",
		"***",
		"```cls",
		"~~~",
		"Dossier C:\\partage\\_fiches",
		"Sigles &amp; co, `code`, A & B",
		"- [2]: une puce",
		"Du **gras** et de l'*italique*",
	}, "\n")
	got := paragraphs(cellBlocks(cell))
	want := []string{
		"[1]: https://exemple.fr",
		"---",
		"***",
		"```cls",
		"~~~",
		"Dossier C:\\partage\\_fiches",
		"Sigles &amp; co, `code`, A & B",
		"[2]: une puce",
		"Du gras et de l'italique",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cell paragraphs:\n%q\nwant:\n%q", got, want)
	}
}
