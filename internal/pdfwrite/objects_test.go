package pdfwrite

import (
	"bytes"
	"testing"
)

// TestSerializeWithIDAsSetID: writing the objects once gives the bytes of
// setID followed by serialize, which writes them twice.
func TestSerializeWithIDAsSetID(t *testing.T) {
	pdf, _, _, _ := written(t)
	ctx, err := readObjects(pdf)
	if err != nil {
		t.Fatal(err)
	}
	once, err := serializeWithID(ctx.XRefTable)
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
