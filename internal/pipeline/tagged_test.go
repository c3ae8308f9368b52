package pipeline

import (
	"bytes"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	pmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The tagged PDF of issue 15, checked on the shipped contract as a screen
// reader would meet it: a structure tree, every shown string inside a
// marked-content sequence, headings that never skip a level, figures
// described, and no running header or footer in the read text.

func readTagged(t *testing.T) (*pmodel.XRefTable, types.Dict) {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(real(t).PDF), pmodel.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	root, err := ctx.XRefTable.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	return ctx.XRefTable, root
}

func TestCatalogIsTagged(t *testing.T) {
	x, root := readTagged(t)
	mi, err := x.DereferenceDict(root["MarkInfo"])
	if err != nil || mi == nil || mi["Marked"] != types.Boolean(true) {
		t.Errorf("/MarkInfo = %v, want << /Marked true >>", root["MarkInfo"])
	}
	if root["StructTreeRoot"] == nil {
		t.Fatal("no /StructTreeRoot")
	}
	if l, ok := root["Lang"].(types.StringLiteral); !ok || !strings.HasPrefix(string(l), "fr") {
		t.Errorf("/Lang = %v, want fr-FR", root["Lang"])
	}
	vp, err := x.DereferenceDict(root["ViewerPreferences"])
	if err != nil || vp == nil || vp["DisplayDocTitle"] != types.Boolean(true) {
		t.Errorf("/ViewerPreferences = %v, want /DisplayDocTitle true", root["ViewerPreferences"])
	}
	for i := 1; i <= x.PageCount; i++ {
		d, _, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		if d["Annots"] != nil && d["Tabs"] != types.Name("S") {
			t.Errorf("page %d has annotations but /Tabs %v, want /S", i, d["Tabs"])
		}
	}
	if out, err := exec.Command("pdfinfo", "-meta", writeTemp(t)).Output(); err == nil && !bytes.Contains(out, []byte("<pdfuaid:part>1</pdfuaid:part>")) {
		t.Error("the XMP does not say pdfuaid:part 1")
	}
}

// writeTemp writes the contract to a temporary file for poppler's tools.
func writeTemp(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "contrat.pdf")
	if err := os.WriteFile(p, real(t).PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStructureTree(t *testing.T) {
	x, root := readTagged(t)
	tree, err := x.DereferenceDict(root["StructTreeRoot"])
	if err != nil || tree == nil {
		t.Fatalf("structure tree unreadable: %v", err)
	}
	if tree["ParentTree"] == nil {
		t.Error("no /ParentTree")
	}
	roles := map[string]int{}
	spans := 0 // cells spanning columns
	last := 0  // the last heading level met, in reading order
	structElems(t, x, root, func(d types.Dict, role string) {
		roles[role]++
		if len(role) == 2 && role[0] == 'H' && role[1] >= '1' && role[1] <= '6' {
			n := int(role[1] - '0')
			if n > last+1 {
				t.Errorf("heading level skipped: %s after H%d", role, last)
			}
			last = n
		}
		if role == "Figure" {
			if alt, ok := d["Alt"]; !ok || alt == nil || len(alt.String()) <= 6 {
				t.Errorf("figure without /Alt")
			}
		}
		if role == "TH" && d["A"] == nil {
			t.Error("TH without /Scope")
		}
		if a, ok := d["A"].(types.Dict); ok && a["ColSpan"] != nil {
			spans++
		}
		if a, ok := d["A"].(types.Dict); role == "L" && (!ok || a["ListNumbering"] == nil) {
			t.Error("L without /ListNumbering")
		}
	})
	if spans == 0 {
		t.Error("no cell with /ColSpan: the fiche tables' merged cells are not said")
	}
	for _, r := range []string{"Document", "H1", "H2", "P", "Table", "THead", "TBody", "TR", "TH", "TD", "Figure", "TOC", "TOCI", "Link", "Span", "Form", "L", "LI", "Lbl", "LBody"} {
		if roles[r] == 0 {
			t.Errorf("no %s element in the structure tree (have %v)", r, roles)
		}
	}
}

// TestNoUntaggedText parses each page's content: every string shown
// (Tj, TJ, ', ") is inside a marked-content sequence, of a structure
// element (BDC with an MCID) or an artifact.
func TestNoUntaggedText(t *testing.T) {
	x, _ := readTagged(t)
	total := 0
	defer func() {
		if total < 1000 {
			t.Errorf("only %d text shows found in the whole contract: the content parser misses them", total)
		}
	}()
	for i := 1; i <= x.PageCount; i++ {
		d, _, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		content, err := x.PageContent(d, i)
		if err != nil {
			t.Fatalf("page %d: %v", i, err)
		}
		depth, shows, marked := 0, 0, 0
		for _, op := range operators(content) {
			switch op {
			case "BDC", "BMC":
				depth++
				marked++
			case "EMC":
				depth--
				if depth < 0 {
					t.Fatalf("page %d: EMC without BDC", i)
				}
			case "Tj", "TJ", "'", `"`:
				shows++
				total++
				if depth == 0 {
					t.Errorf("page %d: text shown outside any marked-content sequence", i)
				}
			}
		}
		if depth != 0 {
			t.Errorf("page %d: %d marked-content sequences left open", i, depth)
		}
		if shows > 0 && marked == 0 {
			t.Errorf("page %d: text but no marked content", i)
		}
	}
}

// operators returns the operators of a content stream, in order, skipping
// strings, names, numbers and dictionaries.
func operators(c []byte) []string {
	var ops []string
	for i := 0; i < len(c); {
		switch ch := c[i]; {
		case ch == '(':
			depth := 0
			for ; i < len(c); i++ {
				if c[i] == '\\' {
					i++
					continue
				}
				if c[i] == '(' {
					depth++
				} else if c[i] == ')' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			i++
		case ch == '<' && i+1 < len(c) && c[i+1] != '<':
			for i < len(c) && c[i] != '>' {
				i++
			}
			i++
		case ch == '/':
			i++
			for i < len(c) && !strings.ContainsRune(" \t\r\n/<>[]()", rune(c[i])) {
				i++
			}
		case (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '\'' || ch == '"':
			j := i + 1
			for j < len(c) && ((c[j] >= 'a' && c[j] <= 'z') || (c[j] >= 'A' && c[j] <= 'Z') || c[j] == '*' || (c[j] >= '0' && c[j] <= '9')) {
				j++
			}
			ops = append(ops, string(c[i:j]))
			i = j
		default:
			i++
		}
	}
	return ops
}

// TestReadTextHasNoRunningHeaderOrFooter: what a screen reader reads
// (poppler's structure text) holds the header and footer lines, drawn on
// nearly every page, at most once each (the cover may print the same
// words as its own content).
func TestReadTextHasNoRunningHeaderOrFooter(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler) not installed")
	}
	p := writeTemp(t)
	out, err := exec.Command("pdfinfo", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(out) {
		t.Errorf("pdfinfo does not say « Tagged: yes »:\n%s", out)
	}
	st, err := exec.Command("pdfinfo", "-struct-text", p).Output()
	if err != nil {
		t.Skipf("pdfinfo -struct-text: %v", err)
	}
	m := real(t).Document.Meta
	pages := len(real(t).Layout.Pages)
	third := strings.NewReplacer("{page}", "3", "{pages}", strconv.Itoa(pages)).Replace(m.PageNumber)
	for _, s := range []string{m.HeaderText, m.FooterText, third} {
		if s == "" {
			continue
		}
		if n := bytes.Count(st, []byte(`"`+s+`"`)); n > 1 {
			t.Errorf("« %s » read %d times: running header or footer not an artifact", s, n)
		}
	}
	if !bytes.Contains(st, []byte("Préambule")) {
		t.Error("the body text is missing from the structure text")
	}
}

// structElems walks the structure tree and calls fn on each element with
// its role.
func structElems(t *testing.T, x *pmodel.XRefTable, root types.Dict, fn func(d types.Dict, role string)) {
	t.Helper()
	tree, err := x.DereferenceDict(root["StructTreeRoot"])
	if err != nil || tree == nil {
		t.Fatalf("structure tree unreadable: %v", err)
	}
	var walk func(o types.Object, depth int)
	walk = func(o types.Object, depth int) {
		if depth > 50 {
			t.Fatal("structure tree too deep: a cycle?")
		}
		switch v := o.(type) {
		case types.Array:
			for _, k := range v {
				walk(k, depth)
			}
		case types.IndirectRef:
			d, err := x.DereferenceDict(v)
			if err != nil || d == nil || d["S"] == nil {
				return
			}
			fn(d, string(d["S"].(types.Name)))
			walk(d["K"], depth+1)
		}
	}
	walk(tree["K"], 0)
}

// pdfText decodes a PDF text string (UTF-16 with its mark, or bytes).
func pdfText(o types.Object) string {
	var b []byte
	switch v := o.(type) {
	case types.HexLiteral:
		b, _ = hex.DecodeString(string(v))
	case types.StringLiteral:
		b, _ = types.Unescape(string(v))
	default:
		return ""
	}
	if len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff {
		u := make([]uint16, 0, len(b)/2)
		for i := 2; i+1 < len(b); i += 2 {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		return string(utf16.Decode(u))
	}
	return string(b)
}

// TestAnnotationsAreInTheStructure: every link annotation is the object
// of a Link element and says where it leads (/Contents), every signature
// field sits in a Form element; each has its /StructParent, which the
// parent tree maps back to that element (Matterhorn 28-002, 28-004,
// 28-011).
func TestAnnotationsAreInTheStructure(t *testing.T) {
	x, root := readTagged(t)
	owner := map[int]string{} // annotation object → role of the element holding it
	structElems(t, x, root, func(d types.Dict, role string) {
		kids, _ := d["K"].(types.Array)
		for _, k := range kids {
			if r, ok := k.(types.Dict); ok && r["Type"] == types.Name("OBJR") {
				owner[r["Obj"].(types.IndirectRef).ObjectNumber.Value()] = role
			}
		}
	})
	links, fields := 0, 0
	for i := 1; i <= x.PageCount; i++ {
		page, _, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		annots, _ := x.DereferenceArray(page["Annots"])
		for _, o := range annots {
			ref, ok := o.(types.IndirectRef)
			if !ok {
				t.Fatalf("page %d: an annotation written inline cannot be referenced by the structure", i)
			}
			a, _ := x.DereferenceDict(ref)
			if a["StructParent"] == nil {
				t.Errorf("page %d: annotation %d without /StructParent", i, ref.ObjectNumber)
			}
			switch *a.NameEntry("Subtype") {
			case "Link":
				links++
				if owner[ref.ObjectNumber.Value()] != "Link" {
					t.Errorf("page %d: link %d under %q, want a Link element", i, ref.ObjectNumber, owner[ref.ObjectNumber.Value()])
				}
				if pdfText(a["Contents"]) == "" {
					t.Errorf("page %d: link %d without /Contents", i, ref.ObjectNumber)
				}
			case "Widget":
				fields++
				if owner[ref.ObjectNumber.Value()] != "Form" {
					t.Errorf("page %d: signature field under %q, want a Form element", i, owner[ref.ObjectNumber.Value()])
				}
				if pdfText(a["TU"]) == "" {
					t.Errorf("page %d: signature field without /TU", i)
				}
			}
		}
	}
	if links < 40 || fields == 0 {
		t.Errorf("%d links and %d signature fields found; the sommaire alone has more than 40 links", links, fields)
	}
}

// TestSiglesAreSpokenInFull: every sigle of the sigles workbook met in
// the read text (outside figures, which have their description, and web
// addresses) is drawn apart with its expansion, and each reaches the PDF
// as a Span with /E.
func TestSiglesAreSpokenInFull(t *testing.T) {
	res := real(t)
	defs := map[string]string{}
	for _, list := range [][]model.Sigle{res.Contract.OtherSigles, res.Contract.Sigles} {
		for _, s := range list {
			defs[s.Sigle] = s.Definition
		}
	}
	word := regexp.MustCompile(`[\p{L}\p{N}]+`)
	inFigure := func(k int) bool {
		for ; k >= 0; k = res.Layout.Elements[k].Parent {
			if res.Layout.Elements[k].Role == doc.StructFigure {
				return true
			}
		}
		return false
	}
	expanded := 0
	for n, p := range res.Layout.Pages {
		for i, it := range p.Items {
			tx, ok := it.(doc.Text)
			if !ok || i >= len(p.Tags) || p.Tags[i] == 0 || inFigure(p.Tags[i]-1) || strings.Contains(tx.Text, "www.") || strings.Contains(tx.Text, "://") {
				continue
			}
			if tx.Expansion != "" {
				expanded++
				if tx.Expansion != defs[tx.Text] {
					t.Errorf("page %d: « %s » expanded to « %s », want « %s »", n+1, tx.Text, tx.Expansion, defs[tx.Text])
				}
				continue
			}
			for _, w := range word.FindAllString(tx.Text, -1) {
				if d, ok := defs[w]; ok {
					t.Errorf("page %d: sigle « %s » in « %s » read without its expansion « %s »", n+1, w, tx.Text, d)
				}
			}
		}
	}
	x, root := readTagged(t)
	spans := 0
	structElems(t, x, root, func(d types.Dict, role string) {
		if role == "Span" && d["E"] != nil {
			spans++
			if e := pdfText(d["E"]); e == "" {
				t.Error("Span with an empty /E")
			}
		}
	})
	if expanded < 100 || spans != expanded {
		t.Errorf("%d sigles drawn with their expansion, %d Spans with /E in the PDF; want the same, over 100", expanded, spans)
	}
}

// TestTableTextIsInCells: every word drawn in a data table (fiches,
// synthèse, diagnostic) is read inside a TH or TD, in a TR of the table's
// THead or TBody — never loose in the table, where a screen reader could
// not say its row and column.
func TestTableTextIsInCells(t *testing.T) {
	res := real(t)
	els := res.Layout.Elements
	cells := 0
	for n, p := range res.Layout.Pages {
		for i, it := range p.Items {
			tx, ok := it.(doc.Text)
			if !ok || i >= len(p.Tags) || p.Tags[i] == 0 {
				continue
			}
			var chain []string
			for k := p.Tags[i] - 1; k >= 0; k = els[k].Parent {
				chain = append(chain, els[k].Role)
			}
			at := -1
			for j, r := range chain {
				if r == doc.StructTable {
					at = j
					break
				}
			}
			if at < 0 {
				continue
			}
			// from the table down: THead|TBody, TR, TH|TD, then inline elements
			if at < 3 || (chain[at-1] != "THead" && chain[at-1] != "TBody") || chain[at-2] != "TR" || (chain[at-3] != "TH" && chain[at-3] != "TD") {
				t.Errorf("page %d: « %s » read as %v, want it in a cell of a row of the table", n+1, tx.Text, chain)
				continue
			}
			cells++
		}
	}
	if cells < 1000 {
		t.Errorf("only %d text items found in table cells", cells)
	}
}
