package source

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// headerSearch is how far down a sheet its header row is looked for: a
// coordinator often puts a title (« Liste des acteurs », merged across the
// columns) above the table, so the header may sit under up to four title
// rows.
const headerSearch = 5

// headerRow finds the index, in rows, of the sheet's header row: the first
// of the first headerSearch rows holding every required header. The rows
// above it must be titles — one filled cell each, or none — so that a data
// row typed above the header is reported rather than silently dropped.
// When no row holds them all, it returns the row holding most of them,
// where readTable names the missing ones; when no row holds any, it says
// what row 1 holds and returns false.
func (w *workbook) headerRow(sheet string, rows [][]string, required []string, probs *diag.List) (int, bool) {
	best, bestN := 0, 0
	for r := 0; r < len(rows) && r < headerSearch; r++ {
		n := headerMatches(rows[r], required)
		if n == len(required) {
			for a := range r {
				if cells := filledCells(rows[a]); len(cells) > 1 {
					*probs = append(*probs, diag.Problem{Severity: diag.Error, File: w.name, Sheet: sheet, Line: a + 1,
						Message: fmt.Sprintf("la ligne %d, au-dessus de la ligne d'en-têtes (ligne %d), contient %s ; attendu au-dessus des en-têtes au plus un titre, dans une seule cellule (ou des cellules fusionnées) : les lignes de données vont sous les en-têtes", a+1, r+1, quoteCells(cells))})
					return 0, false
				}
			}
			return r, true
		}
		if n > bestN {
			best, bestN = r, n
		}
	}
	if bestN > 0 {
		return best, true
	}
	holds := "est vide"
	if len(rows) > 0 {
		if cells := filledCells(rows[0]); len(cells) > 0 {
			holds = "contient " + quoteCells(cells)
		}
	}
	*probs = append(*probs, diag.Problem{Severity: diag.Error, File: w.name, Sheet: sheet, Line: 1,
		Message: fmt.Sprintf("ligne d'en-têtes introuvable : la ligne 1 %s ; attendu les en-têtes %s sur la ligne 1, ou sous une ligne de titre (au plus ligne %d)", holds, strings.Join(required, " | "), headerSearch)})
	return 0, false
}

// headerKey folds a header cell as stored for matching, without reporting
// anything: only the header row found is read for good, with its checks.
func headerKey(raw string) string {
	return normHeader(textnorm.Clean(strings.ReplaceAll(raw, "_x000D_", "")))
}

// headerMatches counts the required headers a row holds.
func headerMatches(row []string, required []string) int {
	have := map[string]bool{}
	for _, v := range row {
		have[headerKey(v)] = true
	}
	n := 0
	for _, h := range required {
		if have[normHeader(h)] {
			n++
		}
	}
	return n
}

// filledCells returns a row's non-blank cells, in normal form.
func filledCells(row []string) []string {
	var out []string
	for _, v := range row {
		if c := strings.TrimSpace(textnorm.Clean(v)); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// quoteCells quotes the first cells of a row for a message, each cut to 60
// characters and escaped for the terminal.
func quoteCells(cells []string) string {
	var q []string
	for i, c := range cells {
		if i == 3 {
			q = append(q, "…")
			break
		}
		if utf8.RuneCountInString(c) > 60 {
			c = string([]rune(c)[:60]) + "…"
		}
		q = append(q, "« "+textnorm.Escape(c)+" »")
	}
	return strings.Join(q, ", ")
}
