package pdfwrite

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The writer reads fpdf's output back as PDF objects (pdfcpu's model),
// mends them (see outline.go) and writes them out again with its own
// serializer: pdfcpu's writer stamps the clock into the metadata and the
// file identifier, and the output must depend on its inputs only.

var disableConfig sync.Once

// errStreamNotLoaded is a stream whose data the reader did not keep.
var errStreamNotLoaded = errors.New("flux non chargé")

// readObjects parses a PDF that fpdf wrote into pdfcpu's object model,
// streams left encoded as they are, and compresses the streams fpdf
// wrote plain because its compression is off (compress.go).
func readObjects(pdf []byte, dc *Deflated) (*model.Context, error) {
	disableConfig.Do(api.DisableConfigDir) // no user configuration folder
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.DecodeAllStreams = false
	ctx, err := pdfcpu.ReadWithContext(context.Background(), bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, err
	}
	// every object is read, streams included: fpdf's output (its pages
	// uncompressed, megabytes) is not needed anymore and can be
	// collected while mend works
	ctx.Read.RS = nil
	if err := compressPlain(ctx.XRefTable, dc); err != nil {
		return nil, err
	}
	return ctx, nil
}

// serialize writes every object of the cross-reference table, by object
// number: the streams and the objects a signing tool or a reader of
// attachments updates or looks up first as they are, every other object
// packed into compressed object streams (objstm.go), and a compressed
// cross-reference stream, whose dictionary is the trailer. Dictionary keys
// are written sorted and numbers in their shortest form, so the same
// objects always give the same bytes. The buffer is sized for the
// streams' data and a margin for the rest, so that the document is not
// copied again and again as it grows.
func serialize(x *model.XRefTable) ([]byte, error) {
	b, xref, err := serializeBody(x, nil)
	if err != nil {
		return nil, err
	}
	if err := writeTrailer(b, x, xref); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// serializeWithID sets the trailer's file identifier as setID does —
// the first 16 bytes of the SHA-256 of the document serialized without
// it, twice — and returns the document serialized with it, writing the
// objects once: only the trailer differs between the two.
func serializeWithID(x *model.XRefTable, dc *Deflated) ([]byte, error) {
	x.ID = nil
	b, xref, err := serializeBody(x, dc)
	if err != nil {
		return nil, err
	}
	body := b.Len()
	if err := writeTrailer(b, x, xref); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.Bytes())
	id := types.HexLiteral(hex.EncodeToString(sum[:16]))
	x.ID = types.Array{id, id}
	b.Truncate(body)
	if err := writeTrailer(b, x, xref); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// serializeBody writes the header, the objects left as they are and the
// object streams, and returns the cross-reference stream's data, which
// writeTrailer writes with the trailer's keys.
func serializeBody(x *model.XRefTable, dc *Deflated) (*bytes.Buffer, *xrefStream, error) {
	if x.Size == nil || x.Root == nil {
		return nil, nil, fmt.Errorf("table des objets incomplète")
	}
	size := *x.Size
	packed, err := packObjects(x, dc)
	if err != nil {
		return nil, nil, err
	}
	b := new(bytes.Buffer)
	b.Grow(estimate(x, packed))
	// the version fpdf declared (1.7: object streams need 1.5); the
	// binary comment tells transfer tools that the file is not text
	b.WriteString("%PDF-" + x.Version().String() + "\n%\xe2\xe3\xcf\xd3\n")
	total := size + len(packed.streams) + 1 // the object streams, the xref stream
	xs := &xrefStream{entries: make([]xrefEntry, total)}
	xs.entries[0] = xrefEntry{kind: 0, field2: 0, field3: 65535}
	for n := 1; n < size; n++ {
		if at, ok := packed.at[n]; ok {
			xs.entries[n] = xrefEntry{kind: 2, field2: size + at.stream, field3: at.index}
			continue
		}
		e, ok := x.Table[n]
		if !ok || e == nil || e.Free || e.Object == nil {
			xs.entries[n] = xrefEntry{kind: 0, field2: 0, field3: 65535}
			continue
		}
		xs.entries[n] = xrefEntry{kind: 1, field2: b.Len()}
		writeHead(b, n)
		if err := writeIndirect(b, e.Object); err != nil {
			return nil, nil, fmt.Errorf("objet %d : %w", n, err)
		}
		b.WriteString("\nendobj\n")
	}
	for i, sd := range packed.streams {
		n := size + i
		xs.entries[n] = xrefEntry{kind: 1, field2: b.Len()}
		writeHead(b, n)
		if err := writeIndirect(b, sd); err != nil {
			return nil, nil, fmt.Errorf("flux d'objets %d : %w", n, err)
		}
		b.WriteString("\nendobj\n")
	}
	xs.self = total - 1
	xs.entries[xs.self] = xrefEntry{kind: 1, field2: b.Len()}
	xs.data = deflate(xs.encode())
	return b, xs, nil
}

// writeHead writes "n 0 obj" and its line end.
func writeHead(b *bytes.Buffer, n int) {
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(n), 10))
	b.WriteString(" 0 obj\n")
}

// writeTrailer writes the cross-reference stream, whose dictionary holds
// the trailer's keys, where serializeBody said, and the end of the file.
func writeTrailer(b *bytes.Buffer, x *model.XRefTable, xs *xrefStream) error {
	at := xs.entries[xs.self].field2
	if b.Len() != at {
		return fmt.Errorf("table des objets déplacée")
	}
	d := types.Dict{
		"Type":   types.Name("XRef"),
		"Size":   types.Integer(len(xs.entries)),
		"Root":   *x.Root,
		"W":      types.Array{types.Integer(1), types.Integer(4), types.Integer(2)},
		"Filter": types.Name("FlateDecode"),
	}
	if x.Info != nil {
		d["Info"] = *x.Info
	}
	if len(x.ID) > 0 {
		d["ID"] = x.ID
	}
	writeHead(b, xs.self)
	if err := writeIndirect(b, types.StreamDict{Dict: d, Raw: xs.data}); err != nil {
		return err
	}
	fmt.Fprintf(b, "\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
	return nil
}

// estimate is about the size of the serialized table: its streams' data,
// and for every object left as it is its dictionary (an average measured
// on contracts, generous).
func estimate(x *model.XRefTable, packed *packing) int {
	n := 1024 + 8*len(x.Table)
	for num, e := range x.Table {
		if e == nil || e.Free {
			continue
		}
		if sd, ok := e.Object.(types.StreamDict); ok {
			n += 256 + len(sd.Raw)
		} else if _, ok := packed.at[num]; !ok {
			n += 256
		}
	}
	for _, sd := range packed.streams {
		n += 256 + len(sd.Raw)
	}
	return n
}

// writeIndirect writes the body of an indirect object: a stream with its
// dictionary (its /Length that of the stored, still encoded, data), or
// any other object.
func writeIndirect(b *bytes.Buffer, o types.Object) error {
	sd, ok := o.(types.StreamDict)
	if !ok {
		return writeObject(b, o)
	}
	if sd.Raw == nil && sd.StreamLength != nil && *sd.StreamLength > 0 {
		return errStreamNotLoaded
	}
	d := sd.Dict.Clone().(types.Dict)
	d["Length"] = types.Integer(len(sd.Raw))
	if err := writeObject(b, d); err != nil {
		return err
	}
	b.WriteString("\nstream\n")
	b.Write(sd.Raw)
	b.WriteString("\nendstream")
	return nil
}

// writeObject writes a direct object in PDF syntax.
func writeObject(b *bytes.Buffer, o types.Object) error {
	switch v := o.(type) {
	case nil:
		b.WriteString("null")
	case types.Boolean:
		b.WriteString(strconv.FormatBool(bool(v)))
	case types.Integer:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(v), 10))
	case types.Float:
		b.Write(strconv.AppendFloat(b.AvailableBuffer(), float64(v), 'f', -1, 64))
	case types.Name:
		b.WriteByte('/')
		b.WriteString(types.EncodeName(string(v)))
	case types.StringLiteral: // kept escaped as read
		b.WriteByte('(')
		b.WriteString(string(v))
		b.WriteByte(')')
	case types.HexLiteral:
		b.WriteByte('<')
		b.WriteString(string(v))
		b.WriteByte('>')
	case types.IndirectRef:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(v.ObjectNumber), 10))
		b.WriteByte(' ')
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(v.GenerationNumber), 10))
		b.WriteString(" R")
	case *types.IndirectRef:
		if v == nil {
			b.WriteString("null")
			return nil
		}
		return writeObject(b, *v)
	case types.Array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			if err := writeObject(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case types.Dict:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("<<")
		for _, k := range keys {
			b.WriteByte('/')
			b.WriteString(types.EncodeName(k))
			b.WriteByte(' ')
			if err := writeObject(b, v[k]); err != nil {
				return err
			}
			b.WriteByte('\n')
		}
		b.WriteString(">>")
	default:
		return fmt.Errorf("objet de type %T inattendu", o)
	}
	return nil
}

// borrowed is the io.Writer fpdf's Output writes the document to: it
// keeps the slice fpdf hands it rather than copying a document of several
// megabytes. fpdf writes it in one call and is not used afterwards, so
// the bytes do not change under the reader.
type borrowed struct{ b []byte }

func (w *borrowed) Write(p []byte) (int, error) {
	if w.b == nil {
		w.b = p
	} else { // a second write: copy, never append into fpdf's array
		w.b = append(w.b[:len(w.b):len(w.b)], p...)
	}
	return len(p), nil
}
