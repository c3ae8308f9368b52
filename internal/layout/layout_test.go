package layout

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// fixedMeasurer gives every rune the same width, proportional to the size.
type fixedMeasurer struct{}

func (fixedMeasurer) Width(s string, _ doc.Style, size float64) float64 {
	return float64(utf8.RuneCountInString(s)) * size * 0.05
}

func testGeometry() Geometry { return A4(22, 20, 20, 20, 10.5) }

func layoutBlocks(t *testing.T, blocks ...doc.Block) *Result {
	t.Helper()
	res, err := Layout(&doc.Document{Blocks: blocks}, testGeometry(), DefaultTheme(), fixedMeasurer{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// printedWords returns every word drawn on the pages, furniture excluded,
// in page order.
func printedWords(res *Result) []string {
	var out []string
	for _, p := range res.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok && tx.Size != 8.5 {
				out = append(out, strings.Fields(tx.Text)...)
			}
		}
	}
	return out
}

func para(s string) doc.Paragraph { return doc.Paragraph{Text: []doc.Inline{{Text: s}}} }

func cell(s string) doc.Cell {
	return doc.Cell{Blocks: []doc.Block{doc.Paragraph{Text: []doc.Inline{{Text: s}}}}}
}

func countWords(ws []string) map[string]int {
	m := map[string]int{}
	for _, w := range ws {
		m[w]++
	}
	return m
}

func checkMargins(t *testing.T, res *Result) {
	t.Helper()
	for i, p := range res.Pages {
		for _, v := range OutOfBody(p, testGeometry()) {
			t.Errorf("page %d: %s", i+1, v)
		}
	}
}

func TestCellOfThousandsOfWordsIsSplitAcrossPagesWithoutLoss(t *testing.T) {
	var words []string
	for i := 0; i < 4000; i++ {
		words = append(words, fmt.Sprintf("mot%04d", i))
	}
	huge := strings.Join(words, " ")
	table := doc.Table{Widths: []float64{1, 3}, HeaderRows: 1, Rows: []doc.Row{
		{Cells: []doc.Cell{cell("Libellé"), cell("Contenu")}},
		{Cells: []doc.Cell{cell("Déroulé"), cell(huge)}},
		{Cells: []doc.Cell{cell("Après"), cell("fin")}},
	}}
	res := layoutBlocks(t, table)
	if len(res.Pages) < 3 {
		t.Fatalf("a 4000-word cell fit on %d page(s)", len(res.Pages))
	}
	got := countWords(printedWords(res))
	for _, w := range words {
		if got[w] != 1 {
			t.Fatalf("word %s printed %d times, want once", w, got[w])
		}
	}
	// the header row repeats on every page the table runs onto
	if got["Libellé"] != len(res.Pages) {
		t.Errorf("header printed %d times over %d pages", got["Libellé"], len(res.Pages))
	}
	// the label of the split row is printed once, on the first part
	if got["Déroulé"] != 1 {
		t.Errorf("label printed %d times", got["Déroulé"])
	}
	checkMargins(t, res)
}

// TestRowThatDoesNotFitMovesWhole: a row that does not fit in the room
// left on a page, but fits on an empty one, moves to the next page whole:
// each row's label and every word of its text land on one page, the label
// on the row's first line, and the page before keeps empty room rather
// than the row's first lines.
func TestRowThatDoesNotFitMovesWhole(t *testing.T) {
	const rowsN, wordsN = 12, 240
	rowWords := func(r int) []string {
		ws := make([]string, wordsN)
		for k := range ws {
			ws[k] = fmt.Sprintf("r%02dw%03d", r, k)
		}
		return ws
	}
	var rows []doc.Row
	rows = append(rows, doc.Row{Cells: []doc.Cell{cell("A"), cell("B")}})
	for r := 0; r < rowsN; r++ {
		rows = append(rows, doc.Row{Cells: []doc.Cell{cell(fmt.Sprintf("row%02d", r)), cell(strings.Join(rowWords(r), " "))}})
	}
	res := layoutBlocks(t, doc.Table{Widths: []float64{1, 3}, HeaderRows: 1, Rows: rows})
	if len(res.Pages) < 2 {
		t.Fatalf("%d rows of %d words fit on %d page: nothing had to move", rowsN, wordsN, len(res.Pages))
	}
	// where each word landed: page and baseline of its line
	type at struct {
		page int
		y    float64
	}
	where := map[string][]at{}
	for i, p := range res.Pages {
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok {
				for _, w := range strings.Fields(tx.Text) {
					where[w] = append(where[w], at{i + 1, tx.Y})
				}
			}
		}
	}
	for r := 0; r < rowsN; r++ {
		label := fmt.Sprintf("row%02d", r)
		if len(where[label]) != 1 {
			t.Fatalf("%s printed %d times, want once", label, len(where[label]))
		}
		lab := where[label][0]
		for k, w := range rowWords(r) {
			if len(where[w]) != 1 {
				t.Fatalf("%s printed %d times, want once", w, len(where[w]))
			}
			if got := where[w][0]; got.page != lab.page {
				t.Errorf("%s: label on page %d, word %s on page %d: the row was split", label, lab.page, w, got.page)
			} else if k == 0 && got.y != lab.y {
				t.Errorf("%s: label at y=%.2f, first word at y=%.2f: not on the row's first line", label, lab.y, got.y)
			}
		}
	}
	checkMargins(t, res)
}

func TestRandomTablesLoseNoWordAndStayInside(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 40; round++ {
		table, words := randomTable(rng)
		res := layoutBlocks(t, para("Avant le tableau."), table)
		// every character comes out exactly once (words narrower than the
		// column come out whole; wider ones are cut, never dropped)
		printed := printedWords(res)
		want := map[rune]int{}
		for w, n := range words {
			for _, r := range w {
				want[r] += n
			}
		}
		for _, r := range "Avantletableau." {
			want[r]++
		}
		got := map[rune]int{}
		for _, w := range printed {
			for _, r := range w {
				got[r]++
			}
		}
		for r, n := range want {
			if got[r] != n {
				t.Fatalf("round %d: %q printed %d times, want %d", round, r, got[r], n)
			}
		}
		whole := countWords(printed)
		for w, n := range words {
			if len(w) <= 4 && whole[w] != n {
				t.Fatalf("round %d: word %q printed %d times, want %d", round, w, whole[w], n)
			}
		}
		checkMargins(t, res)
	}
}

// randomTable makes a table of random shape and texts; words are unique
// tokens (counted, since header words repeat on each page they are not
// used in the body).
func randomTable(rng *rand.Rand) (doc.Table, map[string]int) {
	cols := 1 + rng.Intn(5)
	t := doc.Table{}
	for i := 0; i < cols; i++ {
		t.Widths = append(t.Widths, 0.5+rng.Float64()*3)
	}
	words := map[string]int{}
	id := 0
	nrows := 1 + rng.Intn(25)
	for r := 0; r < nrows; r++ {
		var row doc.Row
		for c := 0; c < cols; c++ {
			n := rng.Intn(8)
			if rng.Intn(10) == 0 {
				n = 200 + rng.Intn(1500)
			}
			var ws []string
			for k := 0; k < n; k++ {
				w := fmt.Sprintf("w%d", id)
				if rng.Intn(30) == 0 {
					w = fmt.Sprintf("long%d%s", id, strings.Repeat("x", rng.Intn(120)))
				}
				id++
				ws = append(ws, w)
				words[w]++
			}
			row.Cells = append(row.Cells, cell(strings.Join(ws, " ")))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, words
}

func TestHeadingIsNeverLastOnItsPage(t *testing.T) {
	var blocks []doc.Block
	for i := 0; i < 60; i++ {
		blocks = append(blocks, doc.Heading{Level: 2, Text: []doc.Inline{{Text: fmt.Sprintf("Titre%d", i)}}, Anchor: fmt.Sprintf("t%d", i)})
		blocks = append(blocks, para(strings.Repeat("texte ", 10+i*7)))
	}
	res := layoutBlocks(t, blocks...)
	for i, p := range res.Pages {
		lastHeading, lastText := -1.0, -1.0
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok {
				if strings.HasPrefix(tx.Text, "Titre") {
					lastHeading = max(lastHeading, tx.Y)
				} else if tx.Text == "texte" {
					lastText = max(lastText, tx.Y)
				}
			}
		}
		if lastHeading > lastText {
			t.Errorf("page %d ends with a heading", i+1)
		}
	}
}

func TestSommaireNumbersMatchHeadingPages(t *testing.T) {
	blocks := []doc.Block{doc.Sommaire{}}
	for i := 0; i < 40; i++ {
		blocks = append(blocks, doc.Heading{Level: 1, TOCLevel: 1, Text: []doc.Inline{{Text: fmt.Sprintf("Section %d", i)}}, Anchor: fmt.Sprintf("s%d", i), NewPage: i%3 == 0})
		blocks = append(blocks, para(strings.Repeat("lorem ipsum ", 40*(i%5))))
	}
	res := layoutBlocks(t, blocks...)
	if len(res.TOC) != 40 {
		t.Fatalf("%d sommaire entries, want 40", len(res.TOC))
	}
	for _, e := range res.TOC {
		if res.Printed[e.Anchor] != e.At.Page {
			t.Errorf("%s: printed %d, landed on %d", e.Title, res.Printed[e.Anchor], e.At.Page)
		}
		if res.Anchors[e.Anchor] != e.At {
			t.Errorf("%s: anchor %v differs from entry %v", e.Title, res.Anchors[e.Anchor], e.At)
		}
	}
	// the sommaire's page numbers are printed as text
	var nums []string
	for _, it := range res.Pages[0].Items {
		if tx, ok := it.(doc.Text); ok && tx.X > 170 && len(tx.Text) <= 3 && strings.Trim(tx.Text, "0123456789") == "" {
			nums = append(nums, tx.Text)
		}
	}
	if len(nums) == 0 {
		t.Fatal("no page numbers printed on the sommaire page")
	}
	if nums[0] != fmt.Sprint(res.TOC[0].At.Page) {
		t.Errorf("first printed number %s, want %d", nums[0], res.TOC[0].At.Page)
	}
}

// TestFooterShowsPageOfTotal: the footer's number follows the pattern the
// document gives (templates/libelles.yaml), with the page and the count.
func TestFooterShowsPageOfTotal(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{PageNumber: "p. {page} sur {pages}"}, Blocks: []doc.Block{para(strings.Repeat("mot ", 30000))}}
	res, err := Layout(d, testGeometry(), DefaultTheme(), fixedMeasurer{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(res.Pages)
	if n < 2 {
		t.Fatalf("%d page(s)", n)
	}
	for i, p := range res.Pages {
		want := fmt.Sprintf("p. %d sur %d", i+1, n)
		found := false
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok && tx.Text == want {
				found = true
			}
		}
		if !found {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
}

func TestHeaderRowIsNeverAloneAtTheFootOfAPage(t *testing.T) {
	for lead := 0; lead < 60; lead++ {
		table := doc.Table{Widths: []float64{1, 2}, HeaderRows: 1}
		table.Rows = append(table.Rows, doc.Row{Cells: []doc.Cell{cell("EnTête"), cell("Colonne")}})
		for r := 0; r < 6; r++ {
			table.Rows = append(table.Rows, doc.Row{Cells: []doc.Cell{cell("corps"), cell(strings.Repeat("texte ", 300+r*40))}})
		}
		blocks := []doc.Block{para(strings.Repeat("avant ", 40*lead))}
		if lead%2 == 1 {
			blocks = append(blocks, doc.Heading{Level: 2, Text: []doc.Inline{{Text: "Titre"}}, Anchor: "t"})
		}
		res := layoutBlocks(t, append(blocks, table)...)
		for i, p := range res.Pages {
			head, body := false, false
			for _, it := range p.Items {
				if tx, ok := it.(doc.Text); ok {
					head = head || tx.Text == "EnTête"
					body = body || tx.Text == "corps" || tx.Text == "texte"
				}
			}
			if head && !body {
				t.Fatalf("lead %d: page %d holds the header row without any body row", lead, i+1)
			}
		}
	}
}
