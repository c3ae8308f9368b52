package pdfwrite

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// A tagged PDF: what the layout tagged with a structure element is drawn
// inside a marked-content sequence with an MCID (« /P <</MCID 3>> BDC …
// EMC »), everything else inside « /Artifact BMC … EMC », which a screen
// reader skips. fpdf knows neither, so the operators are written through
// its raw content writing, and mend builds the structure tree from what
// was marked (markTree).

// marker wraps the items of one page in marked-content sequences.
type marker struct {
	pdf    *fpdf.Fpdf
	elems  []doc.StructElem
	links  map[string]int // the document's internal link targets
	open   int            // the tag of the open sequence: -1 none, 0 artifact, k element k-1
	mcids  []int          // per MCID of the page, its element
	annots []annot        // the page's link annotations, in the order drawn
}

// annot is a link annotation the page will carry: the tag of its area
// and what it says.
type annot struct {
	tag      int
	contents string
}

// item opens the sequence of an item with tag t, closing the previous one
// when it differs. Links draw nothing: their annotations are recorded,
// in the order fpdf writes them, for the structure tree.
func (m *marker) item(it doc.Item, t int) {
	if l, ok := it.(doc.Link); ok {
		if _, known := m.links[strings.TrimPrefix(l.Target, "#")]; known || !strings.HasPrefix(l.Target, "#") {
			m.annots = append(m.annots, annot{tag: t, contents: l.Contents})
		}
		return
	}
	if t == m.open {
		return
	}
	m.close()
	if t <= 0 || t > len(m.elems) {
		m.pdf.RawWriteStr("/Artifact BMC")
		m.open = 0
		return
	}
	m.pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", m.elems[t-1].Role, len(m.mcids)))
	m.mcids = append(m.mcids, t-1)
	m.open = t
}

// close ends the open sequence, if any.
func (m *marker) close() {
	if m.open >= 0 {
		m.pdf.RawWriteStr("EMC")
	}
	m.open = -1
}

// tagOf returns the tag of the page's i-th item.
func tagOf(p layout.Page, i int) int {
	if i < len(p.Tags) {
		return p.Tags[i]
	}
	return 0
}

// markTree completes the catalog of a tagged PDF: the structure tree
// from the marked content of each page (t.marks[p] lists, by MCID, the
// element of each sequence of page p) and from its annotations (links
// under their Link elements, signature fields under Form elements), each
// page's /StructParents, each annotation's /StructParent and the parent
// tree, /MarkInfo, /Lang, the title shown in the viewer's window, and
// /Tabs /S on pages with annotations. Elements come in the order their
// content is first met, which is the reading order.
func markTree(x *model.XRefTable, pages []types.IndirectRef, t targets, lang string) error {
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil {
		return fmt.Errorf("catalogue illisible")
	}
	b, err := newTreeBuilder(x, t.elems)
	if err != nil {
		return err
	}
	for p, ms := range t.marks {
		if err := b.page(pages, p, ms); err != nil {
			return err
		}
	}
	next := len(pages) // the annotations' keys in the parent tree follow the pages'
	for p := range pages {
		var as []annot
		if p < len(t.annots) {
			as = t.annots[p]
		}
		if next, err = b.annotations(pages, p, as, next); err != nil {
			return err
		}
	}
	tree, err := b.finish(next)
	if err != nil {
		return err
	}
	root["StructTreeRoot"] = *tree
	root["MarkInfo"] = types.Dict{"Marked": types.Boolean(true)}
	if lang == "" {
		lang = "fr-FR"
	}
	if root["Lang"] == nil {
		root["Lang"] = types.StringLiteral(lang)
	}
	vp, err := x.DereferenceDict(root["ViewerPreferences"])
	if err != nil || vp == nil {
		vp = types.Dict{}
	}
	vp["DisplayDocTitle"] = types.Boolean(true)
	root["ViewerPreferences"] = vp
	for p, ref := range pages {
		page, err := x.DereferenceDict(ref)
		if err != nil || page == nil {
			return fmt.Errorf("page %d illisible", p+1)
		}
		if page["Annots"] != nil {
			page["Tabs"] = types.Name("S")
		}
	}
	return nil
}

// treeBuilder makes the structure tree's objects: the elements the
// layout listed, made when their first content is met, parents first.
type treeBuilder struct {
	x       *model.XRefTable
	elems   []doc.StructElem
	treeD   types.Dict
	tree    *types.IndirectRef
	docD    types.Dict
	docRef  *types.IndirectRef
	docKids types.Array
	dicts   []types.Dict
	refs    []*types.IndirectRef
	kids    []types.Array
	nums    types.Array // the parent tree's (key, value) pairs, keys ascending
}

func newTreeBuilder(x *model.XRefTable, elems []doc.StructElem) (*treeBuilder, error) {
	b := &treeBuilder{x: x, elems: elems, treeD: types.Dict{"Type": types.Name("StructTreeRoot")},
		dicts: make([]types.Dict, len(elems)), refs: make([]*types.IndirectRef, len(elems)), kids: make([]types.Array, len(elems))}
	var err error
	if b.tree, err = x.IndRefForNewObject(b.treeD); err != nil {
		return nil, err
	}
	b.docD = types.Dict{"Type": types.Name("StructElem"), "S": types.Name("Document"), "P": *b.tree}
	if b.docRef, err = x.IndRefForNewObject(b.docD); err != nil {
		return nil, err
	}
	b.treeD["K"] = *b.docRef
	return b, nil
}

// attach makes element k's object, and its parents', and lists it in its
// parent's kids.
func (b *treeBuilder) attach(k int) (*types.IndirectRef, error) {
	if b.refs[k] != nil {
		return b.refs[k], nil
	}
	e := b.elems[k]
	parent := b.docRef
	if e.Parent >= 0 && e.Parent < k {
		p, err := b.attach(e.Parent)
		if err != nil {
			return nil, err
		}
		parent = p
	}
	d := types.Dict{"Type": types.Name("StructElem"), "S": types.Name(e.Role), "P": *parent}
	for key, v := range map[string]string{"Alt": e.Alt, "E": e.E, "ActualText": e.ActualText} {
		if v != "" {
			d[key] = textString(v)
		}
	}
	if a := attributes(e); a != nil {
		d["A"] = a
	}
	ref, err := b.x.IndRefForNewObject(d)
	if err != nil {
		return nil, err
	}
	b.dicts[k], b.refs[k] = d, ref
	if e.Parent >= 0 && e.Parent < k {
		b.kids[e.Parent] = append(b.kids[e.Parent], *ref)
	} else {
		b.docKids = append(b.docKids, *ref)
	}
	return ref, nil
}

// page lists the marked content of page p (ms: the element of each
// MCID) under its elements, and the page's entry of the parent tree.
func (b *treeBuilder) page(pages []types.IndirectRef, p int, ms []int) error {
	if len(ms) == 0 {
		return nil
	}
	parents := make(types.Array, len(ms))
	for mcid, k := range ms {
		ref, err := b.attach(k)
		if err != nil {
			return err
		}
		b.kids[k] = append(b.kids[k], types.Dict{"Type": types.Name("MCR"), "Pg": pages[p], "MCID": types.Integer(mcid)})
		parents[mcid] = *ref
	}
	page, err := b.x.DereferenceDict(pages[p])
	if err != nil || page == nil {
		return fmt.Errorf("page %d illisible", p+1)
	}
	page["StructParents"] = types.Integer(p)
	b.nums = append(b.nums, types.Integer(p), parents)
	return nil
}

// annotations puts the annotations of page p in the structure tree: each
// link (as, in the order fpdf wrote them) as an object reference of its
// Link element with its description (/Contents), each signature field
// under a Form element named like the field (/TU). An annotation must be
// an indirect object to be referenced: fpdf writes links inline, so they
// are moved out. It returns the next free key of the parent tree.
func (b *treeBuilder) annotations(pages []types.IndirectRef, p int, as []annot, next int) (int, error) {
	page, err := b.x.DereferenceDict(pages[p])
	if err != nil || page == nil {
		return next, fmt.Errorf("page %d illisible", p+1)
	}
	arr, err := b.x.DereferenceArray(page["Annots"])
	if err != nil {
		return next, fmt.Errorf("page %d : annotations illisibles", p+1)
	}
	if len(arr) == 0 {
		return next, nil
	}
	out := make(types.Array, len(arr))
	n := 0
	for i, o := range arr {
		out[i] = o
		d, err := b.x.DereferenceDict(o)
		if err != nil || d == nil {
			return next, fmt.Errorf("page %d : annotation %d illisible", p+1, i+1)
		}
		subtype := d.NameEntry("Subtype")
		if subtype == nil || (*subtype != "Link" && *subtype != "Widget") {
			continue
		}
		ref, ok := o.(types.IndirectRef)
		if !ok {
			r, err := b.x.IndRefForNewObject(d)
			if err != nil {
				return next, err
			}
			ref, out[i] = *r, *r
		}
		var elem *types.IndirectRef
		switch *subtype {
		case "Link":
			if n >= len(as) {
				return next, fmt.Errorf("page %d : plus de liens écrits que les %d dessinés", p+1, len(as))
			}
			a := as[n]
			n++
			if a.contents != "" {
				d["Contents"] = textString(a.contents)
			}
			if k := a.tag - 1; k >= 0 && k < len(b.elems) && b.elems[k].Role == doc.StructLink {
				if elem, err = b.attach(k); err != nil {
					return next, err
				}
				b.kids[k] = append(b.kids[k], objRef(ref, pages[p]))
			} else if elem, err = b.loose(doc.StructLink, ref, pages[p]); err != nil {
				return next, err
			}
		default: // a signature field
			if t := d["T"]; t != nil && d["TU"] == nil {
				d["TU"] = t
			}
			if elem, err = b.loose(doc.StructForm, ref, pages[p]); err != nil {
				return next, err
			}
		}
		d["StructParent"] = types.Integer(next)
		b.nums = append(b.nums, types.Integer(next), *elem)
		next++
	}
	if n != len(as) {
		return next, fmt.Errorf("page %d : %d liens écrits, %d dessinés", p+1, n, len(as))
	}
	if r, ok := page["Annots"].(types.IndirectRef); ok {
		e, ok := b.x.FindTableEntryForIndRef(&r)
		if !ok || e == nil {
			return next, fmt.Errorf("page %d : annotations illisibles", p+1)
		}
		e.Object = out
	} else {
		page["Annots"] = out
	}
	return next, nil
}

// loose makes an element of its own under the document holding one
// annotation: a signature field, or a link drawn outside any element.
func (b *treeBuilder) loose(role string, annot, page types.IndirectRef) (*types.IndirectRef, error) {
	ref, err := b.x.IndRefForNewObject(types.Dict{"Type": types.Name("StructElem"), "S": types.Name(role), "P": *b.docRef,
		"K": types.Array{objRef(annot, page)}})
	if err != nil {
		return nil, err
	}
	b.docKids = append(b.docKids, *ref)
	return ref, nil
}

// objRef is the structure tree's reference to an annotation.
func objRef(annot, page types.IndirectRef) types.Dict {
	return types.Dict{"Type": types.Name("OBJR"), "Obj": annot, "Pg": page}
}

// finish writes the elements' kids and the parent tree; next is the
// parent tree's next free key.
func (b *treeBuilder) finish(next int) (*types.IndirectRef, error) {
	for k, d := range b.dicts {
		if d != nil {
			d["K"] = b.kids[k]
		}
	}
	b.docD["K"] = b.docKids
	parentTree, err := b.x.IndRefForNewObject(types.Dict{"Nums": b.nums})
	if err != nil {
		return nil, err
	}
	b.treeD["ParentTree"] = *parentTree
	b.treeD["ParentTreeNextKey"] = types.Integer(next)
	return b.tree, nil
}

// attributes are an element's layout attributes (PDF 32000-1, 14.8.5):
// a table cell's scope and spans, a list's numbering.
func attributes(e doc.StructElem) types.Dict {
	switch {
	case e.ListNumbering != "":
		return types.Dict{"O": types.Name("List"), "ListNumbering": types.Name(e.ListNumbering)}
	case e.Scope == "" && e.ColSpan == 0 && e.RowSpan == 0:
		return nil
	}
	a := types.Dict{"O": types.Name("Table")}
	if e.Scope != "" {
		a["Scope"] = types.Name(e.Scope)
	}
	if e.ColSpan > 1 {
		a["ColSpan"] = types.Integer(e.ColSpan)
	}
	if e.RowSpan > 1 {
		a["RowSpan"] = types.Integer(e.RowSpan)
	}
	return a
}

// textString is a PDF text string in UTF-16, for any language.
func textString(s string) types.HexLiteral {
	return types.HexLiteral(hex.EncodeToString([]byte(utf16BE(s))))
}

// pdfuaSchema declares the PDF/UA identification schema (pdfuaid:part)
// as a PDF/A extension schema: PDF/A-3 accepts in the XMP only the
// schemas of XMP 2005 and those it is told about.
const pdfuaSchema = `<rdf:Description rdf:about=""
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
`
