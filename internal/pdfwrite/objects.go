package pdfwrite

import (
	"bytes"
	"context"
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
// same objects always give the same bytes.
func serialize(x *model.XRefTable) ([]byte, error) {
	if x.Size == nil || x.Root == nil {
		return nil, fmt.Errorf("table des objets incomplète")
	}
	size := *x.Size
	var b bytes.Buffer
	// the version fpdf declared; the binary comment tells transfer tools
	// that the file is not text
	fmt.Fprintf(&b, "%%PDF-%s\n%%\xe2\xe3\xcf\xd3\n", x.Version())
	offsets := make([]int, size)
	for n := 1; n < size; n++ {
		e, ok := x.Table[n]
		if !ok || e == nil || e.Free || e.Object == nil {
			continue
		}
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", n)
		if err := writeIndirect(&b, e.Object); err != nil {
			return nil, fmt.Errorf("objet %d : %w", n, err)
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		if offsets[n] == 0 {
			b.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
	}
	trailer := types.Dict{"Size": types.Integer(size), "Root": *x.Root}
	if x.Info != nil {
		trailer["Info"] = *x.Info
	}
	if len(x.ID) > 0 {
		trailer["ID"] = x.ID
	}
	b.WriteString("trailer\n")
	if err := writeObject(&b, trailer); err != nil {
		return nil, err
	}
	fmt.Fprintf(&b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes(), nil
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
		b.WriteString(strconv.Itoa(int(v)))
	case types.Float:
		b.WriteString(strconv.FormatFloat(float64(v), 'f', -1, 64))
	case types.Name:
		b.WriteString("/" + types.EncodeName(string(v)))
	case types.StringLiteral: // kept escaped as read
		b.WriteString("(" + string(v) + ")")
	case types.HexLiteral:
		b.WriteString("<" + string(v) + ">")
	case types.IndirectRef:
		fmt.Fprintf(b, "%d %d R", v.ObjectNumber, v.GenerationNumber)
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
			b.WriteString("/" + types.EncodeName(k) + " ")
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
