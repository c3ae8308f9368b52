package layout

import (
	"math/rand"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// FuzzTableLayout lays out random tables (shape, widths, texts from a
// seed): every character comes out once and nothing leaves the page.
func FuzzTableLayout(f *testing.F) {
	for _, seed := range []int64{1, 2, 3, 42, 1000} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		rng := rand.New(rand.NewSource(seed))
		table, words := randomTable(rng)
		table.HeaderRows = rng.Intn(2)
		if table.HeaderRows > 0 && len(table.Rows) > 0 {
			// header words repeat on each page: keep them out of the count
			for i := range table.Rows[0].Cells {
				for _, b := range table.Rows[0].Cells[i].Blocks {
					for _, w := range splitWords(b) {
						delete(words, w)
					}
				}
				table.Rows[0].Cells[i] = cell("EnTête")
			}
		}
		res, err := Layout(&doc.Document{Blocks: []doc.Block{table}}, testGeometry(), DefaultTheme(), fixedMeasurer{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[rune]int{}
		for w, n := range words {
			for _, r := range w {
				want[r] += n
			}
		}
		got := map[rune]int{}
		for _, p := range res.Pages {
			for _, it := range p.Items {
				if tx, ok := it.(doc.Text); ok && tx.Size != 8.5 && tx.Text != "EnTête" {
					for _, r := range tx.Text {
						if r != ' ' {
							got[r]++
						}
					}
				}
			}
		}
		for r, n := range want {
			if got[r] != n {
				t.Fatalf("seed %d: %q printed %d times, want %d", seed, r, got[r], n)
			}
		}
		for i, p := range res.Pages {
			if v := OutOfBody(p, testGeometry()); len(v) > 0 {
				t.Fatalf("seed %d, page %d: %s", seed, i+1, v[0])
			}
		}
	})
}

func splitWords(b doc.Block) []string {
	p, ok := b.(doc.Paragraph)
	if !ok {
		return nil
	}
	var out []string
	for _, in := range p.Text {
		out = append(out, splitFields(in.Text)...)
	}
	return out
}

func splitFields(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		if r == ' ' {
			if cur != "" {
				out = append(out, cur)
			}
			cur = ""
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
