package pdfwrite

import (
	"encoding/hex"
	"fmt"

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
	pdf   *fpdf.Fpdf
	elems []doc.StructElem
	open  int   // the tag of the open sequence: -1 none, 0 artifact, k element k-1
	mcids []int // per MCID of the page, its element
}

// item opens the sequence of an item with tag t, closing the previous one
// when it differs. Links draw nothing and change nothing.
func (m *marker) item(it doc.Item, t int) {
	if _, ok := it.(doc.Link); ok {
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
// from the marked content of each page (marks[p] lists, by MCID, the
// element of each sequence of page p), each page's /StructParents and
// the parent tree, /MarkInfo, /Lang, the title shown in the viewer's
// window, and /Tabs /S on pages with annotations. Elements come in the
// order their content is first met, which is the reading order.
func markTree(x *model.XRefTable, pages []types.IndirectRef, elems []doc.StructElem, marks [][]int, lang string) error {
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil {
		return fmt.Errorf("catalogue illisible")
	}
	treeD := types.Dict{"Type": types.Name("StructTreeRoot")}
	tree, err := x.IndRefForNewObject(treeD)
	if err != nil {
		return err
	}
	docD := types.Dict{"Type": types.Name("StructElem"), "S": types.Name("Document"), "P": *tree}
	docRef, err := x.IndRefForNewObject(docD)
	if err != nil {
		return err
	}
	treeD["K"] = *docRef
	var docKids types.Array
	dicts := make([]types.Dict, len(elems))
	refs := make([]*types.IndirectRef, len(elems))
	kids := make([]types.Array, len(elems))
	// attach makes element k's object and lists it in its parent's
	// kids, parents first
	var attach func(k int) (*types.IndirectRef, error)
	attach = func(k int) (*types.IndirectRef, error) {
		if refs[k] != nil {
			return refs[k], nil
		}
		e := elems[k]
		parent := docRef
		if e.Parent >= 0 && e.Parent < k {
			p, err := attach(e.Parent)
			if err != nil {
				return nil, err
			}
			parent = p
		}
		d := types.Dict{"Type": types.Name("StructElem"), "S": types.Name(e.Role), "P": *parent}
		if e.Alt != "" {
			d["Alt"] = types.HexLiteral(hex.EncodeToString([]byte(utf16BE(e.Alt))))
		}
		if e.Scope != "" {
			d["A"] = types.Dict{"O": types.Name("Table"), "Scope": types.Name(e.Scope)}
		}
		ref, err := x.IndRefForNewObject(d)
		if err != nil {
			return nil, err
		}
		dicts[k], refs[k] = d, ref
		if e.Parent >= 0 && e.Parent < k {
			kids[e.Parent] = append(kids[e.Parent], *ref)
		} else {
			docKids = append(docKids, *ref)
		}
		return ref, nil
	}
	var nums types.Array
	for p, ms := range marks {
		if len(ms) == 0 {
			continue
		}
		parents := make(types.Array, len(ms))
		for mcid, k := range ms {
			ref, err := attach(k)
			if err != nil {
				return err
			}
			kids[k] = append(kids[k], types.Dict{"Type": types.Name("MCR"), "Pg": pages[p], "MCID": types.Integer(mcid)})
			parents[mcid] = *ref
		}
		page, err := x.DereferenceDict(pages[p])
		if err != nil || page == nil {
			return fmt.Errorf("page %d illisible", p+1)
		}
		page["StructParents"] = types.Integer(p)
		nums = append(nums, types.Integer(p), parents)
	}
	for k, d := range dicts {
		if d != nil {
			d["K"] = kids[k]
		}
	}
	docD["K"] = docKids
	parentTree, err := x.IndRefForNewObject(types.Dict{"Nums": nums})
	if err != nil {
		return err
	}
	treeD["ParentTree"] = *parentTree
	treeD["ParentTreeNextKey"] = types.Integer(len(pages))
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
