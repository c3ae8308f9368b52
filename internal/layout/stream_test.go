package layout

import (
	"reflect"
	"sort"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// recorder is a Sink that keeps what it is handed.
type recorder struct {
	begins  [][]string
	pages   []Page
	toc     []TOCEntry
	numbers []int
}

func (r *recorder) Begin(anchors []string) {
	r.begins = append(r.begins, anchors)
	r.pages, r.toc, r.numbers = nil, nil, nil
}

func (r *recorder) Page(n int, p Page, toc []TOCEntry, elems []doc.StructElem) {
	r.pages = append(r.pages, p)
	r.toc = append(r.toc, toc...)
	r.numbers = append(r.numbers, n)
	for _, tg := range p.Tags {
		if tg > len(elems) {
			panic("a page tagged with an element not handed over")
		}
	}
}

// TestStreamHandsOverTheLayout: the sink receives every page of the last
// pass, in order, furniture included, with its sommaire entries and the
// anchors' names; handed over while laid out or once laid out (past
// StreamPages), the same; the result is Layout's.
func TestStreamHandsOverTheLayout(t *testing.T) {
	d := &doc.Document{Blocks: mixedBlocks(), Meta: doc.Meta{PageNumber: "page {page} / {pages}"}}
	want, err := Layout(d, testGeometry(), DefaultTheme(), fixedMeasurer{})
	if err != nil {
		t.Fatal(err)
	}
	var anchors []string
	for a := range want.Anchors {
		anchors = append(anchors, a)
	}
	sort.Strings(anchors)
	for _, limit := range []int{StreamPages, 0} {
		func() {
			defer func(n int) { StreamPages = n }(StreamPages)
			StreamPages = limit
			r := &recorder{}
			got, err := Stream(d, testGeometry(), DefaultTheme(), fixedMeasurer{}, r, false)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("StreamPages %d: the result differs from Layout's", limit)
			}
			if len(r.begins) == 0 || !reflect.DeepEqual(r.begins[len(r.begins)-1], anchors) {
				t.Errorf("StreamPages %d: begun %d times, last with %v", limit, len(r.begins), r.begins)
			}
			if !reflect.DeepEqual(r.pages, want.Pages) {
				t.Errorf("StreamPages %d: %d pages handed over, %d laid out, or not the same", limit, len(r.pages), len(want.Pages))
			}
			if !reflect.DeepEqual(r.toc, want.TOC) {
				t.Errorf("StreamPages %d: sommaire entries handed over %v, want %v", limit, r.toc, want.TOC)
			}
			for i, n := range r.numbers {
				if n != i+1 {
					t.Fatalf("StreamPages %d: page %d handed over as %d", limit, i+1, n)
				}
			}
		}()
	}
}

// TestStreamReleasesThePagesHandedOver: with release, the result keeps
// the pages, without their items, once the sink has them.
func TestStreamReleasesThePagesHandedOver(t *testing.T) {
	d := &doc.Document{Blocks: mixedBlocks()}
	r := &recorder{}
	got, err := Stream(d, testGeometry(), DefaultTheme(), fixedMeasurer{}, r, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Pages) != len(r.pages) {
		t.Fatalf("%d pages, %d handed over", len(got.Pages), len(r.pages))
	}
	for i, p := range got.Pages {
		if p.Items != nil || len(r.pages[i].Items) == 0 {
			t.Fatalf("page %d: %d items kept, %d handed over", i+1, len(p.Items), len(r.pages[i].Items))
		}
	}
}
