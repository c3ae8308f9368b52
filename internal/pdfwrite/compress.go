package pdfwrite

import (
	"bytes"
	"compress/zlib"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
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

// compressPlain compresses the streams fpdf would have compressed had its
// compression been on: each page's contents and each indexed image's
// palette, when they carry no filter yet.
func compressPlain(x *model.XRefTable) error {
	for n := 1; n < *x.Size; n++ {
		e, ok := x.Table[n]
		if !ok || e == nil || e.Free || e.Object == nil {
			continue
		}
		switch o := e.Object.(type) {
		case types.Dict:
			if t, _ := o["Type"].(types.Name); t == "Page" {
				if err := compressRefs(x, o["Contents"]); err != nil {
					return err
				}
			}
		case types.StreamDict:
			if t, _ := o.Dict["Subtype"].(types.Name); t == "Image" {
				if cs, ok := o.Dict["ColorSpace"].(types.Array); ok && len(cs) == 4 && cs[0] == types.Name("Indexed") {
					if err := compressRefs(x, cs[3]); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// compressRefs compresses the unfiltered streams o refers to: one
// reference or an array of them.
func compressRefs(x *model.XRefTable, o types.Object) error {
	switch v := o.(type) {
	case types.IndirectRef:
		return compressStream(x, v)
	case types.Array:
		for _, r := range v {
			if ref, ok := r.(types.IndirectRef); ok {
				if err := compressStream(x, ref); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// compressStream compresses the stream ref names unless it is filtered
// already.
func compressStream(x *model.XRefTable, ref types.IndirectRef) error {
	e, ok := x.FindTableEntryForIndRef(&ref)
	if !ok || e == nil {
		return nil
	}
	sd, ok := e.Object.(types.StreamDict)
	if !ok {
		return nil
	}
	if _, filtered := sd.Dict["Filter"]; filtered {
		return nil
	}
	if sd.Raw == nil && sd.StreamLength != nil && *sd.StreamLength > 0 {
		return errStreamNotLoaded
	}
	sd.Raw = deflate(sd.Raw)
	n := int64(len(sd.Raw))
	sd.StreamLength = &n
	sd.Dict = sd.Dict.Clone().(types.Dict)
	sd.Dict["Filter"] = types.Name("FlateDecode")
	sd.Dict["Length"] = types.Integer(n)
	sd.FilterPipeline = []types.PDFFilter{{Name: "FlateDecode"}}
	e.Object = sd
	return nil
}
