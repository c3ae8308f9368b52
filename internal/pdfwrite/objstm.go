package pdfwrite

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/parallel"
)

// A tagged contract is some 4,000 small objects — the structure tree's
// elements, annotations, outline items, file specifications — written as
// text, about half the file. PDF 1.5 object streams (allowed by PDF/A-2
// and PDF/A-3) hold them compressed, a hundred or so to a stream, with a
// cross-reference stream in place of the cross-reference table: the file
// is about half as large.
//
// Some objects stay as they are, outside any object stream: the catalog,
// the document information and the page tree, which readers and tools
// look up first, and the signature form — the AcroForm and its fields —
// which a signing tool rewrites in its incremental update. Streams
// cannot be packed.

// objectsPerStream is how many objects one object stream holds: enough for
// the compression to pay, few enough that a reader looking up one object
// inflates little (the attachments' file specifications, consecutive, sit
// in one or two streams; see internal/embed's bound on streams opened).
const objectsPerStream = 200

// packing is which objects go into which object stream.
type packing struct {
	at      map[int]packedAt   // by object number
	streams []types.StreamDict // the object streams, compressed
}

// packedAt is where an object lies: its object stream (from 0, in the
// order of packing.streams) and its index in it.
type packedAt struct{ stream, index int }

// packObjects packs the objects that may be packed, in object-number
// order, into object streams of objectsPerStream objects, compressed
// together (deflateAll).
func packObjects(x *model.XRefTable, dc *Deflated) (*packing, error) {
	p := &packing{at: map[int]packedAt{}}
	var groups [][]int
	for n := 1; n < *x.Size; n++ {
		e, ok := x.Table[n]
		if !ok || e == nil || e.Free || e.Object == nil || e.Generation != nil && *e.Generation != 0 || !packable(x, n, e.Object) {
			continue
		}
		if len(groups) == 0 || len(groups[len(groups)-1]) == objectsPerStream {
			groups = append(groups, make([]int, 0, objectsPerStream))
		}
		g := len(groups) - 1
		p.at[n] = packedAt{stream: g, index: len(groups[g])}
		groups[g] = append(groups[g], n)
	}
	// each stream's objects written on every core, as they do not
	// change anymore
	plain := make([][]byte, len(groups))
	firsts := make([]int, len(groups))
	errs := make([]error, len(groups))
	parallel.Each(len(groups), func(i int) bool {
		plain[i], firsts[i], errs[i] = objectStream(x, groups[i])
		return errs[i] == nil
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for i, z := range dc.all(plain) {
		n := int64(len(z))
		p.streams = append(p.streams, types.StreamDict{
			Dict: types.Dict{
				"Type":   types.Name("ObjStm"),
				"N":      types.Integer(len(groups[i])),
				"First":  types.Integer(firsts[i]),
				"Filter": types.Name("FlateDecode"),
			},
			Raw:          z,
			StreamLength: &n,
		})
	}
	return p, nil
}

// objectStream writes the objects numbered g as an object stream's
// data: "n offset" pairs, then the objects, offsets counted from the
// first object, which is at first.
func objectStream(x *model.XRefTable, g []int) (data []byte, first int, err error) {
	var head []byte
	var body bytes.Buffer
	for _, n := range g {
		head = strconv.AppendInt(head, int64(n), 10)
		head = append(head, ' ')
		head = strconv.AppendInt(head, int64(body.Len()), 10)
		head = append(head, ' ')
		if err := writeObject(&body, x.Table[n].Object); err != nil {
			return nil, 0, fmt.Errorf("objet %d : %w", n, err)
		}
		body.WriteByte('\n')
	}
	head[len(head)-1] = '\n'
	return append(head, body.Bytes()...), len(head), nil
}

// packable reports whether object n may go into an object stream: not a
// stream, not the catalog, the document information or the page tree,
// not a part of the signature form (the AcroForm, a field, a widget, a
// signature).
func packable(x *model.XRefTable, n int, o types.Object) bool {
	if x.Root != nil && x.Root.ObjectNumber.Value() == n || x.Info != nil && x.Info.ObjectNumber.Value() == n {
		return false
	}
	switch v := o.(type) {
	case types.StreamDict:
		return false
	case types.Dict:
		if _, ok := v["FT"]; ok {
			return false
		}
		if _, ok := v["Fields"]; ok {
			return false
		}
		if t, _ := v["Type"].(types.Name); t == "Sig" || t == "ObjStm" || t == "XRef" || t == "Catalog" || t == "Page" || t == "Pages" {
			return false
		}
		if st, _ := v["Subtype"].(types.Name); st == "Widget" {
			return false
		}
	}
	return true
}

// xrefStream is a cross-reference stream's entries, and its data once
// compressed.
type xrefStream struct {
	entries []xrefEntry
	self    int    // the stream's own object number
	data    []byte // entries encoded and compressed
}

// xrefEntry is one entry: kind 0 (free: next free object, generation), 1
// (in use: offset, generation 0) or 2 (in an object stream: the stream's
// number, the index in it).
type xrefEntry struct {
	kind           byte
	field2, field3 int
}

// encode writes the entries on the widths /W [1 4 2] says.
func (s *xrefStream) encode() []byte {
	out := make([]byte, 0, 7*len(s.entries))
	for _, e := range s.entries {
		out = append(out, e.kind,
			byte(e.field2>>24), byte(e.field2>>16), byte(e.field2>>8), byte(e.field2),
			byte(e.field3>>8), byte(e.field3))
	}
	return out
}
