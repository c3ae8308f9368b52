package layout

import (
	"fmt"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// mixedBlocks is a document of every kind of block the presetter sets or
// leaves: headings (some opening a page), paragraphs, lists, tables that
// break across pages, a sommaire and page breaks.
func mixedBlocks() []doc.Block {
	rng := rand.New(rand.NewSource(7))
	blocks := []doc.Block{doc.Sommaire{}}
	for i := range 30 {
		blocks = append(blocks, doc.Heading{Level: 1 + i%3, TOCLevel: 1, Text: []doc.Inline{{Text: fmt.Sprintf("Section %d", i)}}, Anchor: fmt.Sprintf("s%d", i), NewPage: i%4 == 0})
		blocks = append(blocks, para(strings.Repeat("lorem ipsum dolor ", 10+25*(i%4))))
		switch i % 3 {
		case 0:
			tb, _ := randomTable(rng)
			blocks = append(blocks, tb)
		case 1:
			blocks = append(blocks, doc.List{Ordered: i%2 == 0, Items: []doc.ListItem{{Blocks: []doc.Block{para("un")}}, {Blocks: []doc.Block{para(strings.Repeat("deux ", 60))}}}})
		default:
			blocks = append(blocks, doc.PageBreak{})
		}
	}
	return blocks
}

// TestPresetChangesNothing: the layout is the same whether the blocks
// were set ahead on several cores or by the passes on one.
func TestPresetChangesNothing(t *testing.T) {
	d := &doc.Document{Blocks: mixedBlocks()}
	lay := func(procs int) *Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := Layout(d, testGeometry(), DefaultTheme(), fixedMeasurer{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	one, four := lay(1), lay(4)
	if len(one.Pages) < 20 {
		t.Fatalf("%d pages: the document is too short to tell", len(one.Pages))
	}
	if !reflect.DeepEqual(one, four) {
		t.Errorf("laid out on 4 cores, the document differs from its layout on 1 (%d and %d pages)", len(four.Pages), len(one.Pages))
	}
}

// TestPresetStopsAtThePageGuard: a document far longer than MaxPages is
// not set whole ahead of the pass that stops at the guard.
func TestPresetStopsAtThePageGuard(t *testing.T) {
	defer func(n int) { MaxPages = n }(MaxPages)
	MaxPages = 10
	var blocks []doc.Block
	for range 2000 {
		blocks = append(blocks, para(strings.Repeat("encore une page ", 200)))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	mm := &memo{lines: map[memoKey][]line{}, rows: map[int][]rowBox{}}
	preset(mm, blocks, testGeometry(), DefaultTheme(), fixedMeasurer{}, doc.Meta{})
	if len(mm.lines) == 0 {
		t.Fatal("nothing set ahead")
	}
	var h float64
	for _, ls := range mm.lines {
		h += height(ls)
	}
	g := testGeometry()
	if pages := h / (g.bodyBottom() - g.Top); pages > float64(MaxPages)+10 {
		t.Errorf("%.0f pages of lines set ahead (%d blocks of %d) for a guard of %d pages", pages, len(mm.lines), len(blocks), MaxPages)
	}
	if _, err := Layout(&doc.Document{Blocks: blocks}, g, DefaultTheme(), fixedMeasurer{}); err == nil {
		t.Error("a document of thousands of pages passed the guard")
	}
}

// TestFirstPassAloneIsNeverTheLayout: the first pass only paginates; a
// document with nothing for the sommaire, whose page numbers are right
// from the first pass, is still drawn whole.
func TestFirstPassAloneIsNeverTheLayout(t *testing.T) {
	var blocks []doc.Block
	for i := range 40 {
		blocks = append(blocks, para(fmt.Sprintf("paragraphe%d %s", i, strings.Repeat("texte ", 80))))
	}
	tb := doc.Table{Widths: []float64{1, 2}}
	words := map[string]int{}
	for r := range 60 {
		a, b := fmt.Sprintf("ligne%d", r), fmt.Sprintf("cellule%d", r)
		tb.Rows = append(tb.Rows, doc.Row{Cells: []doc.Cell{cell(a), cell(b + strings.Repeat(" mot", 30))}})
		words[a], words[b] = 1, 1
	}
	blocks = append(blocks, tb)
	res := layoutBlocks(t, blocks...)
	if len(res.Pages) < 3 {
		t.Fatalf("%d pages", len(res.Pages))
	}
	got := countWords(printedWords(res))
	for i := range 40 {
		if w := fmt.Sprintf("paragraphe%d", i); got[w] != 1 {
			t.Errorf("%s drawn %d times, want 1", w, got[w])
		}
	}
	for w, n := range words {
		if got[w] != n {
			t.Errorf("table word %s drawn %d times, want %d", w, got[w], n)
		}
	}
	if len(res.Elements) == 0 {
		t.Error("nothing tagged")
	}
}

// TestPassAfterTheSecondSetsTheTextAgain: the second pass takes the
// lines and rows out of the memo; a third one, when the second was not
// the last, sets them again and lays out the same pages.
func TestPassAfterTheSecondSetsTheTextAgain(t *testing.T) {
	d := &doc.Document{Blocks: mixedBlocks()}
	g, th := testGeometry(), DefaultTheme().Or()
	mm := &memo{lines: map[memoKey][]line{}, rows: map[int][]rowBox{}}
	pass := func(dry bool, known map[string]int) *engine {
		e := &engine{g: g, theme: th, m: fixedMeasurer{}, anchors: map[string]Position{}, printed: map[string]int{}, known: known, memo: mm, dry: dry}
		e.run(d.Blocks)
		return e
	}
	first := pass(true, nil)
	if len(mm.lines) == 0 || len(mm.rows) == 0 {
		t.Fatalf("the first pass kept %d blocks' lines and %d tables' rows", len(mm.lines), len(mm.rows))
	}
	known := map[string]int{}
	for _, e := range first.toc {
		known[e.Anchor] = e.At.Page
	}
	kept := len(mm.lines)
	second := pass(false, known)
	// what may be left was set for a place the second pass did not use
	// (a block opening a page in one pass and not in the other)
	if len(mm.lines) > kept/10 || len(mm.rows) != 0 {
		t.Errorf("after the second pass, %d of %d blocks' lines and %d tables' rows still kept", len(mm.lines), kept, len(mm.rows))
	}
	third := pass(false, known)
	if len(second.pages) != len(third.pages) {
		t.Fatalf("%d pages, then %d", len(second.pages), len(third.pages))
	}
	for i := range second.pages {
		if !reflect.DeepEqual(second.pages[i], third.pages[i]) {
			t.Fatalf("page %d differs when its text is set again", i+1)
		}
	}
}
