// Package verifytest makes signed copies for tests without any signing
// tool: it appends to a PDF the incremental update a signing tool
// appends (a signature field, its signature dictionary with a /ByteRange
// around a placeholder /Contents, the catalog's form), so that the
// verification of copies can be tested with Go alone.
package verifytest

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
)

// Signer is what a fake signature states.
type Signer struct {
	Field, Name, Date, Reason, Location string
}

var (
	startxref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	size      = regexp.MustCompile(`/Size (\d+)`)
	root      = regexp.MustCompile(`/Root (\d+) 0 R`)
	acroForm  = regexp.MustCompile(`/AcroForm \d+ 0 R`)
)

// Sign returns pdf with one more revision holding a signed signature
// field for s, whose /ByteRange covers the whole result but its
// /Contents. The form lists the fields of earlier Sign calls too
// (fields, their object numbers), returned with the new one.
func Sign(pdf []byte, s Signer, fields []int) ([]byte, []int, error) {
	xref := startxref.FindSubmatch(pdf)
	sizes := size.FindAllSubmatch(pdf, -1)
	roots := root.FindAllSubmatch(pdf, -1)
	if xref == nil || sizes == nil || roots == nil {
		return nil, nil, fmt.Errorf("not a PDF ending with a cross-reference section and trailer")
	}
	n, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	rootNum := string(roots[len(roots)-1][1])
	catalog, err := object(pdf, rootNum)
	if err != nil {
		return nil, nil, err
	}
	field, sig, form := n, n+1, n+2
	fields = append(append([]int(nil), fields...), field)
	refs := ""
	for _, f := range fields {
		refs += fmt.Sprintf("%d 0 R ", f)
	}
	formRef := fmt.Sprintf("/AcroForm %d 0 R", form)
	if acroForm.Match(catalog) {
		catalog = acroForm.ReplaceAll(catalog, []byte(formRef))
	} else {
		catalog = bytes.Replace(catalog, []byte("<<"), []byte("<< "+formRef+" "), 1)
	}
	objs := map[int]string{}
	num, _ := strconv.Atoi(rootNum)
	objs[num] = string(catalog)
	objs[field] = fmt.Sprintf("<< /FT /Sig /T %s /V %d 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /F 132 >>", text(s.Field), sig)
	objs[sig] = fmt.Sprintf("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /Name %s /M %s /Reason %s /Location %s /ByteRange [0 ##########a ##########b ##########c] /Contents <%s> >>",
		text(s.Name), text(s.Date), text(s.Reason), text(s.Location), bytes.Repeat([]byte("0"), 512))
	objs[form] = fmt.Sprintf("<< /Fields [%s] /SigFlags 3 >>", refs)

	b := bytes.NewBuffer(append([]byte(nil), pdf...))
	offsets := map[int]int{}
	for _, k := range []int{num, field, sig, form} {
		offsets[k] = b.Len()
		fmt.Fprintf(b, "%d 0 obj\n%s\nendobj\n", k, objs[k])
	}
	at := b.Len()
	b.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for _, k := range []int{num, field, sig, form} {
		fmt.Fprintf(b, "%d 1\n%010d 00000 n \n", k, offsets[k])
	}
	fmt.Fprintf(b, "trailer\n<< /Size %d /Root %s 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", form+1, rootNum, xref[1], at)

	out := b.Bytes()
	hole := bytes.Index(out[len(pdf):], []byte("/Contents <")) + len(pdf) + len("/Contents ")
	holeEnd := hole + 514
	for k, v := range map[string]int{"a": hole, "b": holeEnd, "c": len(out) - holeEnd} {
		ph := []byte("##########" + k)
		i := bytes.Index(out, ph)
		copy(out[i:], fmt.Sprintf("%-11d", v))
	}
	return out, fields, nil
}

// object returns the body of the last definition of object num.
func object(pdf []byte, num string) ([]byte, error) {
	re := regexp.MustCompile(`(?s)(?:^|[\r\n])` + num + ` 0 obj\s*(.*?)\s*endobj`)
	all := re.FindAllSubmatch(pdf, -1)
	if all == nil {
		return nil, fmt.Errorf("object %s not found", num)
	}
	return all[len(all)-1][1], nil
}

// text writes s as a PDF text string, UTF-16BE in hex.
func text(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r = '?'
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	return b.String() + ">"
}
