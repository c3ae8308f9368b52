package pdfwrite

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// TestSerializeWithIDAsSetID: writing the objects once gives the bytes of
// setID followed by serialize, which writes them twice.
func TestSerializeWithIDAsSetID(t *testing.T) {
	pdf, _, _, _ := written(t)
	ctx, err := readObjects(pdf, nil)
	if err != nil {
		t.Fatal(err)
	}
	resolvePacked(t, ctx.XRefTable)
	once, err := serializeWithID(ctx.XRefTable, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := setID(ctx.XRefTable); err != nil {
		t.Fatal(err)
	}
	twice, err := serialize(ctx.XRefTable)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(once, twice) {
		t.Errorf("serializeWithID: %d bytes, setID then serialize: %d", len(once), len(twice))
	}
}

// resolvePacked replaces the objects pdfcpu left in their object streams
// by the objects, and drops the object streams and cross-reference
// streams read, so that the table can be written again.
func resolvePacked(t *testing.T, x *model.XRefTable) {
	t.Helper()
	for n, e := range x.Table {
		switch e.Object.(type) {
		case types.ObjectStreamDict, types.XRefStreamDict:
			e.Free, e.Object = true, nil
			continue
		case types.LazyObjectStreamObject:
		default:
			continue
		}
		o, err := x.Dereference(types.IndirectRef{ObjectNumber: types.Integer(n)})
		if err != nil {
			t.Fatalf("object %d: %v", n, err)
		}
		e.Object = o
	}
}

// TestObjectStreams: the small objects are packed into object streams,
// and what readers and signing tools look up or rewrite is not: the
// catalog, the document information, the page tree and the signature
// form stay objects of their own in the file's bytes.
func TestObjectStreams(t *testing.T) {
	pdf, ctx, _, _ := written(t)
	x := ctx.XRefTable
	packed, plain := 0, 0
	for n, e := range x.Table {
		if e == nil || e.Free || n == 0 {
			continue
		}
		if e.Offset == nil || *e.Offset == 0 {
			packed++
		}
		o, err := x.Dereference(types.IndirectRef{ObjectNumber: types.Integer(n)})
		if err != nil {
			t.Fatalf("object %d: %v", n, err)
		}
		d, ok := o.(types.Dict)
		if !ok {
			continue
		}
		typ, _ := d["Type"].(types.Name)
		_, field := d["FT"]
		_, form := d["Fields"]
		if typ == "Catalog" || typ == "Page" || typ == "Pages" || field || form || n == x.Info.ObjectNumber.Value() {
			plain++
			if !bytes.Contains(pdf, []byte("\n"+strconv.Itoa(n)+" 0 obj\n<<")) {
				t.Errorf("object %d (%v) is packed in an object stream", n, typ)
			}
		}
	}
	if packed < 10 || plain < 3 {
		t.Errorf("%d objects packed, %d left plain: the sample should have both", packed, plain)
	}
	if !bytes.Contains(pdf, []byte("/Type /XRef")) || bytes.Contains(pdf, []byte("\ntrailer\n")) {
		t.Error("the cross-reference should be a stream, without a trailer")
	}
}
