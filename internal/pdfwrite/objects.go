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
func readObjects(pdf []byte) (*model.Context, error) {
	disableConfig.Do(api.DisableConfigDir) // no user configuration folder
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.DecodeAllStreams = false
	ctx, err := pdfcpu.ReadWithContext(context.Background(), bytes.NewReader(pdf), conf)
	if err != nil {
		return nil, err
	}
	if err := compressPlain(ctx.XRefTable); err != nil {
		return nil, err
	}
	return ctx, nil
}

// serialize writes every object of the cross-reference table, by object
// number, with a classic cross-reference table and trailer. Dictionary
// keys are written sorted and numbers in their shortest form, so the
// same objects always give the same bytes. The buffer is sized for the
// streams' data and a margin for the rest, so that the document is not
// copied again and again as it grows.
func serialize(x *model.XRefTable) ([]byte, error) {
	b, xref, err := serializeBody(x)
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
func serializeWithID(x *model.XRefTable) ([]byte, error) {
	x.ID = nil
	b, xref, err := serializeBody(x)
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

// serializeBody writes the header, the objects and the cross-reference
// table, and returns where the table starts.
func serializeBody(x *model.XRefTable) (*bytes.Buffer, int, error) {
	if x.Size == nil || x.Root == nil {
		return nil, 0, fmt.Errorf("table des objets incomplète")
	}
	size := *x.Size
	b := new(bytes.Buffer)
	b.Grow(estimate(x))
	// the version fpdf declared; the binary comment tells transfer tools
	// that the file is not text
	b.WriteString("%PDF-" + x.Version().String() + "\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, size)
	var num []byte
	for n := 1; n < size; n++ {
		e, ok := x.Table[n]
		if !ok || e == nil || e.Free || e.Object == nil {
			continue
		}
		offsets[n] = b.Len()
		num = strconv.AppendInt(num[:0], int64(n), 10)
		b.Write(num)
		b.WriteString(" 0 obj\n")
		if err := writeIndirect(b, e.Object); err != nil {
			return nil, 0, fmt.Errorf("objet %d : %w", n, err)
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", size)
	line := []byte("0000000000 00000 n \n")
	for n := 1; n < size; n++ {
		if offsets[n] == 0 {
			b.WriteString("0000000000 65535 f \n")
			continue
		}
		// ten digits, zero-padded
		for i, o := 9, offsets[n]; i >= 0; i, o = i-1, o/10 {
			line[i] = byte('0' + o%10)
		}
		b.Write(line)
	}
	return b, xref, nil
}

// writeTrailer writes the trailer of a table whose cross-reference table
// starts at xref.
func writeTrailer(b *bytes.Buffer, x *model.XRefTable, xref int) error {
	trailer := types.Dict{"Size": types.Integer(*x.Size), "Root": *x.Root}
	if x.Info != nil {
		trailer["Info"] = *x.Info
	}
	if len(x.ID) > 0 {
		trailer["ID"] = x.ID
	}
	b.WriteString("trailer\n")
	if err := writeObject(b, trailer); err != nil {
		return err
	}
	fmt.Fprintf(b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return nil
}

// estimate is about the size of the serialized table: its streams' data,
// and for every object its dictionary and its line in the cross-reference
// table (an average measured on contracts, generous).
func estimate(x *model.XRefTable) int {
	n := 1024
	for _, e := range x.Table {
		if e == nil || e.Free {
			continue
		}
		n += 256
		if sd, ok := e.Object.(types.StreamDict); ok {
			n += len(sd.Raw)
		}
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
