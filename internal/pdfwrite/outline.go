package pdfwrite

import (
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// fpdf writes two kinds of things wrong, which mend sets right on the document's
// objects:
//   - "/Count 0" on every outline item, including those with children,
//     where the PDF specification wants the number of visible descendants
//     (strict validators reject the 0);
//   - destinations ("/Dest [page 0 R …]") of the outline, of internal
//     links and of the opening view ("/OpenAction") computed as if the
//     pages were the PDF's first objects, which the embedded files,
//     written before them, make wrong.
//
// The destinations are not corrected from fpdf's numbers: they are set
// again from the layout's positions and the page objects that the page
// tree names, so no object number is ever assumed.

// targets are the destinations the writer asked fpdf for, in the order
// fpdf wrote them: the outline's items in the order of the bookmarks, and
// each page's internal links in the order they were drawn.
type targets struct {
	bookmarks []layout.Position
	links     map[int][]layout.Position // by page, 1-based
	elems     []doc.StructElem          // the structure, for a tagged PDF
	marks     [][]int                   // by page, the element of each MCID
	annots    [][]annot                 // by page, its link annotations in order
}

// mend reads fpdf's output, sets the outline's counts and every
// destination, makes the document PDF/A-3 (pdfa.go) with its signature
// fields (signature.go), and writes it again with its file identifier.
func mend(pdf []byte, g layout.Geometry, t targets, a archived) ([]byte, error) {
	ctx, err := readObjects(pdf, a.deflated)
	if err != nil {
		return nil, fmt.Errorf("relecture : %w", err)
	}
	x := ctx.XRefTable
	if err := embedFiles(x, a.files, a.deflated); err != nil {
		return nil, err
	}
	pages, err := pageRefs(x)
	if err != nil {
		return nil, err
	}
	dest := func(at layout.Position) (types.Array, error) {
		if at.Page < 1 || at.Page > len(pages) {
			return nil, fmt.Errorf("destination en page %d, hors du document (%d pages)", at.Page, len(pages))
		}
		// fpdf's convention: the top of the view, in points from the
		// page's foot, to the hundredth
		top := math.Round((g.PageH-at.Y)*72/25.4*100) / 100
		return types.Array{pages[at.Page-1], types.Name("XYZ"), types.Integer(0), types.Float(top), nil}, nil
	}
	if err := mendOpenAction(x, pages); err != nil {
		return nil, err
	}
	if err := mendOutline(x, t.bookmarks, dest); err != nil {
		return nil, err
	}
	if err := mendLinks(x, pages, t.links, dest); err != nil {
		return nil, err
	}
	if err := archive(x, a.meta, a.date); err != nil {
		return nil, err
	}
	if err := signatureFields(x, pages, g, a.signatures); err != nil {
		return nil, err
	}
	if err := markTree(x, pages, t, a.meta.Lang); err != nil {
		return nil, err
	}
	return serializeWithID(x, a.deflated) // setID's identifier, the objects written once
}

// pageRefs returns the page objects, in page order, as the page tree
// lists them.
func pageRefs(x *model.XRefTable) ([]types.IndirectRef, error) {
	if err := x.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("arbre des pages illisible")
	}
	// one walk of the tree: pdfcpu's PageDict walks it from the root for
	// each page, which made 5,000 pages cost 20 s
	refs := make([]types.IndirectRef, 0, x.PageCount)
	seen := map[int]bool{}
	var walk func(o types.Object, depth int) bool
	walk = func(o types.Object, depth int) bool {
		ref, ok := o.(types.IndirectRef)
		if !ok || depth > 32 || seen[ref.ObjectNumber.Value()] {
			return false
		}
		seen[ref.ObjectNumber.Value()] = true
		d, err := x.DereferenceDict(ref)
		if err != nil || d == nil {
			return false
		}
		if t := d.Type(); t != nil && *t == "Page" {
			refs = append(refs, ref)
			return true
		}
		kids, err := x.DereferenceArray(d["Kids"])
		if err != nil {
			return false
		}
		for _, k := range kids {
			if !walk(k, depth+1) {
				return false
			}
		}
		return true
	}
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil || !walk(root["Pages"], 0) {
		return nil, fmt.Errorf("arbre des pages illisible")
	}
	if len(refs) != x.PageCount {
		return nil, fmt.Errorf("page %d introuvable dans l'arbre des pages", len(refs)+1)
	}
	return refs, nil
}

// mendOutline walks the outline in reading order, which is the order of
// the bookmarks, setting each item's destination and, on items with
// children, their number (every item is open); the outline's root gets the
// total, as the specification asks.
func mendOutline(x *model.XRefTable, marks []layout.Position, dest func(layout.Position) (types.Array, error)) error {
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil {
		return fmt.Errorf("catalogue illisible")
	}
	outlines, err := x.DereferenceDict(root["Outlines"])
	if err != nil {
		return fmt.Errorf("sommaire des signets illisible")
	}
	if outlines == nil {
		if len(marks) > 0 {
			return fmt.Errorf("%d signets demandés, aucun écrit", len(marks))
		}
		return nil
	}
	seen := map[int]bool{}
	next := 0
	// items walks the siblings from first, depth first, and returns how
	// many items it met
	var items func(first types.Object, depth int) (int, error)
	items = func(first types.Object, depth int) (int, error) {
		total := 0
		for o := first; o != nil; {
			ref, ok := o.(types.IndirectRef)
			if !ok || seen[ref.ObjectNumber.Value()] || depth > 64 {
				return 0, fmt.Errorf("signets mal chaînés")
			}
			seen[ref.ObjectNumber.Value()] = true
			item, err := x.DereferenceDict(ref)
			if err != nil || item == nil {
				return 0, fmt.Errorf("signet %d illisible", ref.ObjectNumber)
			}
			if next >= len(marks) {
				return 0, fmt.Errorf("plus de signets écrits que les %d demandés", len(marks))
			}
			d, err := dest(marks[next])
			if err != nil {
				return 0, err
			}
			next++
			item["Dest"] = d
			below, err := items(item["First"], depth+1)
			if err != nil {
				return 0, err
			}
			delete(item, "Count")
			if below > 0 {
				item["Count"] = types.Integer(below)
			}
			total += 1 + below
			o = item["Next"]
		}
		return total, nil
	}
	total, err := items(outlines["First"], 0)
	if err != nil {
		return err
	}
	if next != len(marks) {
		return fmt.Errorf("%d signets écrits, %d demandés", next, len(marks))
	}
	outlines["Count"] = types.Integer(total)
	return nil
}

// mendOpenAction points the document's opening view ("/OpenAction
// [page /Fit]") at the first page: fpdf numbers it as it numbers the
// destinations, wrongly once files are embedded.
func mendOpenAction(x *model.XRefTable, pages []types.IndirectRef) error {
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil {
		return fmt.Errorf("catalogue illisible")
	}
	a, ok := root["OpenAction"].(types.Array)
	if !ok || len(a) == 0 || len(pages) == 0 {
		return nil
	}
	a[0] = pages[0]
	return nil
}

// mendLinks sets the destination of each page's internal links, met in
// the order of the page's annotations, which is the order they were
// drawn in.
func mendLinks(x *model.XRefTable, pages []types.IndirectRef, links map[int][]layout.Position, dest func(layout.Position) (types.Array, error)) error {
	for i, ref := range pages {
		want := links[i+1]
		page, err := x.DereferenceDict(ref)
		if err != nil || page == nil {
			return fmt.Errorf("page %d illisible", i+1)
		}
		annots, err := x.DereferenceArray(page["Annots"])
		if err != nil {
			return fmt.Errorf("page %d : liens illisibles", i+1)
		}
		n := 0
		for _, o := range annots {
			a, err := x.DereferenceDict(o)
			if err != nil || a == nil || a["Dest"] == nil {
				continue
			}
			if n >= len(want) {
				return fmt.Errorf("page %d : plus de liens internes écrits que les %d demandés", i+1, len(want))
			}
			d, err := dest(want[n])
			if err != nil {
				return fmt.Errorf("page %d : %w", i+1, err)
			}
			a["Dest"] = d
			n++
		}
		if n != len(want) {
			return fmt.Errorf("page %d : %d liens internes écrits, %d demandés", i+1, n, len(want))
		}
	}
	return nil
}
