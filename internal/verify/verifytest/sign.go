// Package verifytest makes signed copies for tests without any signing
// tool: it appends to a PDF the incremental update a signing tool
// appends (the signature field, its signature dictionary with a
// /ByteRange around a placeholder /Contents, the form and the catalog),
// so that the verification of copies can be tested with Go alone.
package verifytest

import (
	"bytes"
	"fmt"
	"regexp"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/embed"
)

// Signer is what a fake signature states.
type Signer struct {
	Field, Name, Date, Reason, Location string
}

var startxref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// Sign returns pdf with one more revision signing the field named
// s.Field: the form's field of that name when there is one (as cls's
// signature boxes), else a new field added to the form. The signature's
// /ByteRange covers the whole result but its /Contents.
func Sign(pdf []byte, s Signer) ([]byte, error) {
	xref := startxref.FindSubmatch(pdf)
	if xref == nil {
		return nil, fmt.Errorf("not a PDF ending with a cross-reference section")
	}
	ctx, err := embed.Parse("", pdf)
	if err != nil {
		return nil, err
	}
	x := ctx.XRefTable
	rootRef := *x.Root
	root, err := x.DereferenceDict(rootRef)
	if err != nil {
		return nil, err
	}
	form := types.Dict{}
	if d, err := x.DereferenceDict(root["AcroForm"]); err == nil && d != nil {
		form = d.Clone().(types.Dict)
	}
	fields, _ := x.DereferenceArray(form["Fields"])
	next := *x.Size
	objs := map[int]string{}
	sig := next
	next++
	fieldNum := 0
	for _, f := range fields {
		r, ok := f.(types.IndirectRef)
		d, err := x.DereferenceDict(f)
		if !ok || err != nil || d == nil {
			continue
		}
		if t, err := types.StringOrHexLiteral(d["T"]); err == nil && *t == s.Field {
			d = d.Clone().(types.Dict)
			d["V"] = *types.NewIndirectRef(sig, 0)
			fieldNum = r.ObjectNumber.Value()
			objs[fieldNum] = d.PDFString()
		}
	}
	if fieldNum == 0 {
		fieldNum = next
		next++
		objs[fieldNum] = fmt.Sprintf("<< /FT /Sig /T %s /V %d 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 >>", text(s.Field), sig)
		fields = append(append(types.Array(nil), fields...), *types.NewIndirectRef(fieldNum, 0))
	}
	objs[sig] = fmt.Sprintf("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name %s /M %s /Reason %s /Location %s /ByteRange [0 ##########a ##########b ##########c] /Contents <%s> >>",
		text(s.Name), text(s.Date), text(s.Reason), text(s.Location), bytes.Repeat([]byte("0"), 512))
	form["Fields"] = fields
	form["SigFlags"] = types.Integer(3)
	formNum := next
	next++
	objs[formNum] = form.PDFString()
	root = root.Clone().(types.Dict)
	root["AcroForm"] = *types.NewIndirectRef(formNum, 0)
	objs[rootRef.ObjectNumber.Value()] = root.PDFString()

	b := bytes.NewBuffer(append([]byte(nil), pdf...))
	offsets := map[int]int{}
	b.WriteString("\n")
	for k := 1; k < next; k++ {
		if o, ok := objs[k]; ok {
			offsets[k] = b.Len()
			fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", k, o)
		}
	}
	at := b.Len()
	b.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for k := 1; k < next; k++ {
		if o, ok := offsets[k]; ok {
			fmt.Fprintf(b, "%d 1\n%010d 00000 n \n", k, o)
		}
	}
	fmt.Fprintf(b, "trailer\n<< /Size %d /Root %d 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", next, rootRef.ObjectNumber.Value(), xref[1], at)

	out := b.Bytes()
	hole := bytes.Index(out[len(pdf):], []byte("/Contents <")) + len(pdf) + len("/Contents ")
	holeEnd := hole + 514
	for k, v := range map[string]int{"a": hole, "b": holeEnd, "c": len(out) - holeEnd} {
		i := bytes.Index(out, []byte("##########"+k))
		copy(out[i:], fmt.Sprintf("%-11d", v))
	}
	return out, nil
}

// text writes s as a PDF text string, UTF-16BE in hex.
func text(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	return b.String() + ">"
}
