package pdfwrite

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// PDF/A-3 (ISO 19005-3) is what archives keep: the file identifies itself
// (XMP metadata equal to the Info dictionary), says how its colours are
// meant (an output intent with an ICC profile), names every embedded
// file's relation to the document, and has a file identifier. fpdf writes
// none of these; archive adds them to the objects that mend read back.

// producer is the Info dictionary's and the XMP's /Producer.
const producer = "cls (go-pdf/fpdf)"

// srgb is the output intent's profile; its licence is icc/LICENCE.
//
//go:embed icc/sRGB.icc
var srgb []byte

// archive makes the document PDF/A-3: version 1.7, Info dates with their
// time zone, XMP metadata, output intent, print flag on every annotation,
// associated files. date is the document's date (from cls.yaml).
func archive(x *model.XRefTable, m doc.Meta, date time.Time) error {
	root, err := x.DereferenceDict(*x.Root)
	if err != nil || root == nil {
		return fmt.Errorf("catalogue illisible")
	}
	v := model.V17
	x.HeaderVersion = &v
	// PDF/A wants the Info dates and the XMP's to be the same instants,
	// written with their time zone: UTC in both
	when := pdfDate(date)
	if x.Info != nil {
		info, err := x.DereferenceDict(*x.Info)
		if err != nil || info == nil {
			return fmt.Errorf("dictionnaire Info illisible")
		}
		info["CreationDate"] = when
		info["ModDate"] = when
	}
	unicode, err := allFontsMapped(x)
	if err != nil {
		return err
	}
	meta, err := newStream(x, types.Dict{"Type": types.Name("Metadata"), "Subtype": types.Name("XML")}, xmp(m, date, unicode))
	if err != nil {
		return err
	}
	root["Metadata"] = *meta
	icc, err := newStream(x, types.Dict{"N": types.Integer(3)}, srgb)
	if err != nil {
		return err
	}
	root["OutputIntents"] = types.Array{types.Dict{
		"Type":                      types.Name("OutputIntent"),
		"S":                         types.Name("GTS_PDFA1"),
		"OutputConditionIdentifier": types.StringLiteral("sRGB IEC61966-2.1"),
		"Info":                      types.StringLiteral("sRGB IEC61966-2.1"),
		"DestOutputProfile":         *icc,
	}}
	if err := printFlags(x); err != nil {
		return err
	}
	return associate(x, root, date)
}

// newStream adds an uncompressed stream object to the table.
func newStream(x *model.XRefTable, d types.Dict, data []byte) (*types.IndirectRef, error) {
	n := int64(len(data))
	sd := types.StreamDict{Dict: d, Raw: data, StreamLength: &n}
	ref, err := x.IndRefForNewObject(sd)
	if err != nil {
		return nil, fmt.Errorf("ajout d'un objet : %w", err)
	}
	return ref, nil
}

// allFontsMapped reports whether every font has a ToUnicode map, which
// conformance level U asks for; fpdf's UTF-8 fonts have one.
func allFontsMapped(x *model.XRefTable) (bool, error) {
	fonts := 0
	for n := 1; n < *x.Size; n++ {
		e, ok := x.Table[n]
		if !ok || e == nil || e.Free || e.Object == nil {
			continue
		}
		d, ok := e.Object.(types.Dict)
		if !ok || d.Type() == nil || *d.Type() != "Font" {
			continue
		}
		if st := d.Subtype(); st != nil && *st == "CIDFontType2" {
			continue // a descendant: its Type0 parent carries the map
		}
		fonts++
		if d["ToUnicode"] == nil {
			return false, nil
		}
	}
	return fonts > 0, nil
}

// xmp is the metadata packet: the Info dictionary's values, the same
// strings and the same dates, and the PDF/A identification.
func xmp(m doc.Meta, date time.Time, unicode bool) []byte {
	level := "B"
	if unicode {
		level = "U"
	}
	esc := func(s string) string {
		var b bytes.Buffer
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	when := xmpDate(date)
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<pdfaid:part>3</pdfaid:part>
<pdfuaid:part>1</pdfuaid:part>
`)
	fmt.Fprintf(&b, "<pdfaid:conformance>%s</pdfaid:conformance>\n", level)
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	alt := func(tag, s string) {
		if s != "" {
			fmt.Fprintf(&b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></%s>\n", tag, esc(s), tag)
		}
	}
	alt("dc:title", m.Title)
	if m.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(m.Author))
	}
	alt("dc:description", m.Subject)
	if m.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(m.Keywords))
	}
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", esc(producer))
	if m.Creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", esc(m.Creator))
	}
	for _, tag := range []string{"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"} {
		fmt.Fprintf(&b, "<%s>%s</%s>\n", tag, when, tag)
	}
	b.WriteString("</rdf:Description>\n")
	b.WriteString(pdfuaSchema)
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.Bytes()
}

// printFlags sets the Print flag, and only it, on every annotation: PDF/A
// wants annotations printed as they are shown.
func printFlags(x *model.XRefTable) error {
	pages, err := pageRefs(x)
	if err != nil {
		return err
	}
	for i, ref := range pages {
		page, err := x.DereferenceDict(ref)
		if err != nil || page == nil {
			return fmt.Errorf("page %d illisible", i+1)
		}
		annots, err := x.DereferenceArray(page["Annots"])
		if err != nil {
			return fmt.Errorf("page %d : annotations illisibles", i+1)
		}
		for _, o := range annots {
			a, err := x.DereferenceDict(o)
			if err != nil || a == nil {
				return fmt.Errorf("page %d : annotation illisible", i+1)
			}
			a["F"] = types.Integer(4)
		}
	}
	return nil
}

// setID sets the trailer's file identifier from the content: the first
// 16 bytes of the SHA-256 of the document serialized without it, twice
// (the document was never modified). Two builds of the same inputs get
// the same identifier, two different documents different ones.
func setID(x *model.XRefTable) error {
	x.ID = nil
	body, err := serialize(x)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	id := types.HexLiteral(hex.EncodeToString(sum[:16]))
	x.ID = types.Array{id, id}
	return nil
}

// archived is what the PDF/A pass needs besides the objects.
type archived struct {
	meta       doc.Meta
	date       time.Time
	signatures []layout.SignatureBox
	files      []Attachment // embedded by mend (attach.go), not by fpdf
	deflated   *Deflated    // streams compressed by earlier builds, if kept
}

// pdfDate and xmpDate write the same instant in the Info dictionary's
// and the XMP's notations, both in UTC with an explicit offset, so that a
// PDF/A validator comparing them finds them equal (and strict readers
// that refuse the short « Z » accept them).
func pdfDate(t time.Time) types.StringLiteral {
	return types.StringLiteral(t.UTC().Format("D:20060102150405+00'00'"))
}

func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }
