package pdfwrite

import (
	"bytes"
	"compress/zlib"
	"slices"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/parallel"
)

// fpdf allocates a new zlib compressor (about 1 MB, zeroed) for every
// stream it compresses: a hundred pages and the attachments made that
// allocation most of the writing's time and garbage. The writer turns
// fpdf's page compression off and compresses the page contents (and the
// palettes of indexed images, which fpdf's switch covers too) here, with
// reused compressors at fpdf's level, so the streams keep the very bytes
// fpdf gave them. The attachments are compressed the same way
// (attach.go). The font files are still compressed by fpdf, which offers
// no switch for them (four fonts, four compressors).

// deflaters are zlib writers at fpdf's level, reused across streams and
// across builds; a pool, as concurrent builds (build --all) write at once.
var deflaters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return w
}}

// deflate returns data compressed as a FlateDecode stream. The same data
// always gives the same bytes: a reset compressor writes what a new one
// would.
func deflate(data []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(data)/2 + 64)
	zw := deflaters.Get().(*zlib.Writer)
	zw.Reset(&b)
	// writing to a bytes.Buffer cannot fail
	zw.Write(data)
	zw.Close()
	zw.Reset(nil) // keep no reference to the output in the pool
	deflaters.Put(zw)
	return b.Bytes()
}

// deflateAll compresses each of data as deflate does, on every core
// (parallel.Each): the page contents and the attachments are a third of
// the writing's time, and a build is alone on its processors most of the
// time.
func deflateAll(data [][]byte) [][]byte {
	out := make([][]byte, len(data))
	parallel.Each(len(data), func(i int) bool {
		out[i] = deflate(data[i])
		return true
	})
	return out
}

// compressPlain compresses the streams fpdf would have compressed had its
// compression been on: each page's contents and each indexed image's
// palette, when they carry no filter yet.
func compressPlain(x *model.XRefTable, dc *Deflated) error {
	var plain []*model.XRefTableEntry
	for n := 1; n < *x.Size; n++ {
		e, ok := x.Table[n]
		if !ok || e == nil || e.Free || e.Object == nil {
			continue
		}
		var err error
		switch o := e.Object.(type) {
		case types.Dict:
			if t, _ := o["Type"].(types.Name); t == "Page" {
				plain, err = plainRefs(x, o["Contents"], plain)
			}
		case types.StreamDict:
			if t, _ := o.Dict["Subtype"].(types.Name); t == "Image" {
				if cs, ok := o.Dict["ColorSpace"].(types.Array); ok && len(cs) == 4 && cs[0] == types.Name("Indexed") {
					plain, err = plainRefs(x, cs[3], plain)
				}
			}
		}
		if err != nil {
			return err
		}
	}
	// a stream two pages share is compressed once
	seen := make(map[*model.XRefTableEntry]bool, len(plain))
	plain = slices.DeleteFunc(plain, func(e *model.XRefTableEntry) bool {
		dup := seen[e]
		seen[e] = true
		return dup
	})
	data := make([][]byte, len(plain))
	for i, e := range plain {
		data[i] = e.Object.(types.StreamDict).Raw
	}
	for i, z := range dc.all(data) {
		e := plain[i]
		sd := e.Object.(types.StreamDict)
		n := int64(len(z))
		sd.Raw = z
		sd.StreamLength = &n
		sd.Dict = sd.Dict.Clone().(types.Dict)
		sd.Dict["Filter"] = types.Name("FlateDecode")
		sd.Dict["Length"] = types.Integer(n)
		sd.FilterPipeline = []types.PDFFilter{{Name: "FlateDecode"}}
		e.Object = sd
	}
	return nil
}

// plainRefs appends to plain the entries of the unfiltered streams o
// refers to: one reference or an array of them.
func plainRefs(x *model.XRefTable, o types.Object, plain []*model.XRefTableEntry) ([]*model.XRefTableEntry, error) {
	switch v := o.(type) {
	case types.IndirectRef:
		return plainStream(x, v, plain)
	case types.Array:
		for _, r := range v {
			if ref, ok := r.(types.IndirectRef); ok {
				var err error
				if plain, err = plainStream(x, ref, plain); err != nil {
					return nil, err
				}
			}
		}
	}
	return plain, nil
}

// plainStream appends the entry of the stream ref names unless it is
// filtered already.
func plainStream(x *model.XRefTable, ref types.IndirectRef, plain []*model.XRefTableEntry) ([]*model.XRefTableEntry, error) {
	e, ok := x.FindTableEntryForIndRef(&ref)
	if !ok || e == nil {
		return plain, nil
	}
	sd, ok := e.Object.(types.StreamDict)
	if !ok {
		return plain, nil
	}
	if _, filtered := sd.Dict["Filter"]; filtered {
		return plain, nil
	}
	if sd.Raw == nil && sd.StreamLength != nil && *sd.StreamLength > 0 {
		return nil, errStreamNotLoaded
	}
	return append(plain, e), nil
}
