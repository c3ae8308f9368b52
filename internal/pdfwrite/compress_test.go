package pdfwrite

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// TestDeflateLikeANewCompressor: a reused compressor writes the bytes a
// new one at fpdf's level writes, whatever it compressed before, so the
// streams are those fpdf wrote when it compressed them itself.
func TestDeflateLikeANewCompressor(t *testing.T) {
	inputs := [][]byte{
		bytes.Repeat([]byte("BT /F1 10.5 Tf 56.69 785.2 Td (Bonjour) Tj ET\n"), 2000),
		{},
		[]byte("q 0 0 1 rg 10 10 20 20 re f Q"),
		bytes.Repeat([]byte{0}, 256*256*2),
		bytes.Repeat([]byte("BT /F1 10.5 Tf 56.69 785.2 Td (Bonjour) Tj ET\n"), 2000),
	}
	for round := 0; round < 3; round++ {
		for i, in := range inputs {
			var want bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
			zw.Write(in)
			zw.Close()
			got := deflate(in)
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("round %d, input %d: %d bytes, a new compressor writes %d", round, i, len(got), want.Len())
			}
			r, err := zlib.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			back, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(back, in) {
				t.Fatalf("input %d does not inflate back (%v)", i, err)
			}
		}
	}
}

// streamsByKind reads pdf and returns its streams' dictionaries by kind:
// page contents, metadata, embedded files, palettes.
func streamsByKind(t *testing.T, pdf []byte) (x *model.XRefTable, contents, meta, files, palettes []*types.StreamDict) {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	x = ctx.XRefTable
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	stream := func(o types.Object) *types.StreamDict {
		sd, _, err := x.DereferenceStreamDict(o)
		if err != nil || sd == nil {
			t.Fatalf("stream %v unreadable: %v", o, err)
		}
		return sd
	}
	for i := 1; i <= x.PageCount; i++ {
		page, _, _, err := x.PageDict(i, false)
		if err != nil {
			t.Fatal(err)
		}
		contents = append(contents, stream(page["Contents"]))
	}
	root, _ := x.DereferenceDict(*x.Root)
	meta = append(meta, stream(root["Metadata"]))
	for n := 1; n < *x.Size; n++ {
		e := x.Table[n]
		if e == nil || e.Free {
			continue
		}
		sd, ok := e.Object.(types.StreamDict)
		if !ok {
			continue
		}
		switch {
		case sd.Dict["Type"] == types.Name("EmbeddedFile"):
			files = append(files, &sd)
		case sd.Dict["Subtype"] == types.Name("Image"):
			if cs, ok := sd.Dict["ColorSpace"].(types.Array); ok && len(cs) == 4 {
				palettes = append(palettes, stream(cs[3]))
			}
		}
	}
	return
}

func filter(sd *types.StreamDict) string {
	n, _ := sd.Dict["Filter"].(types.Name)
	return string(n)
}

// TestStreamsCompressedAsBefore: the page contents, the palette of an
// indexed logo and the embedded files are FlateDecode streams, as when
// fpdf compressed them; the XMP metadata stays plain, as PDF/A readers
// that look for it in the bytes expect; the embedded files keep their
// checksum and size and inflate back to their content.
func TestStreamsCompressedAsBefore(t *testing.T) {
	pal := image.NewPaletted(image.Rect(0, 0, 40, 20), color.Palette{color.RGBA{0, 0, 0, 255}, color.RGBA{0, 90, 160, 255}})
	for x := 0; x < 40; x += 2 {
		pal.SetColorIndex(x, x/2, 1)
	}
	var b bytes.Buffer
	png.Encode(&b, pal)
	logo := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(logo, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, opt := sample(t)
	res.Pages[0].Items = append(res.Pages[0].Items, doc.Image{X: 10, Y: 10, W: 40, H: 20, Path: logo})
	pdf, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, contents, meta, files, palettes := streamsByKind(t, pdf)
	for i, sd := range contents {
		if filter(sd) != "FlateDecode" {
			t.Errorf("page %d: contents filter %q, want FlateDecode", i+1, filter(sd))
		}
	}
	if len(palettes) != 1 || filter(palettes[0]) != "FlateDecode" {
		t.Errorf("%d palettes, want 1 compressed", len(palettes))
	}
	if filter(meta[0]) != "" || !bytes.Contains(pdf, []byte("<x:xmpmeta")) {
		t.Errorf("XMP metadata filtered (%q), want plain", filter(meta[0]))
	}
	if len(files) != len(opt.Attachments) {
		t.Fatalf("%d embedded files, want %d", len(files), len(opt.Attachments))
	}
	for i, sd := range files {
		a := opt.Attachments[i]
		if filter(sd) != "FlateDecode" {
			t.Errorf("%s: filter %q, want FlateDecode", a.Name, filter(sd))
		}
		params, _ := sd.Dict["Params"].(types.Dict)
		sum := md5.Sum(a.Content)
		got, _ := params["CheckSum"].(types.HexLiteral)
		if !strings.EqualFold(string(got), hex.EncodeToString(sum[:])) || params["Size"] != types.Integer(len(a.Content)) {
			t.Errorf("%s: params %v, want its MD5 and size %d", a.Name, params, len(a.Content))
		}
		r, err := zlib.NewReader(bytes.NewReader(sd.Raw))
		if err != nil {
			t.Fatal(err)
		}
		if back, err := io.ReadAll(r); err != nil || !bytes.Equal(back, a.Content) {
			t.Errorf("%s does not inflate back to its content (%v)", a.Name, err)
		}
	}
}

// TestManyAttachmentsInOrder: past nine files the name tree's keys still
// sort in the files' order, as a name tree must.
func TestManyAttachmentsInOrder(t *testing.T) {
	res, opt := sample(t)
	opt.Attachments = nil
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		opt.Attachments = append(opt.Attachments, Attachment{Name: "sources/" + name + ".md", Content: []byte(name)})
	}
	pdf, err := Write(res, opt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := api.ExtractAttachmentsRaw(bytes.NewReader(pdf), "", nil, model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range got {
		if a.FileName != opt.Attachments[i].Name {
			t.Errorf("file %d: %q, want %q", i, a.FileName, opt.Attachments[i].Name)
		}
	}
	x, _, _, _, _ := streamsByKind(t, pdf)
	root, _ := x.DereferenceDict(*x.Root)
	names, _ := x.DereferenceDict(root["Names"])
	tree, _ := x.DereferenceDict(names["EmbeddedFiles"])
	leaves, _ := x.DereferenceArray(tree["Names"])
	prev := ""
	for i := 0; i < len(leaves); i += 2 {
		k, _ := leaves[i].(types.StringLiteral)
		if string(k) <= prev {
			t.Errorf("key %q after %q: the name tree is not sorted", k, prev)
		}
		prev = string(k)
	}
}

// TestDeflateAllInOrder: the streams compressed on several goroutines are
// those deflate gives one by one, each at its index, whatever the number
// of processors.
func TestDeflateAllInOrder(t *testing.T) {
	var data [][]byte
	for i := range 40 {
		data = append(data, bytes.Repeat([]byte(strings.Repeat("x", i)+"BT (Page) Tj ET\n"), 50*i))
	}
	for _, procs := range []int{1, 2, 7} {
		old := runtime.GOMAXPROCS(procs)
		got := deflateAll(data)
		runtime.GOMAXPROCS(old)
		if len(got) != len(data) {
			t.Fatalf("GOMAXPROCS %d: %d results for %d streams", procs, len(got), len(data))
		}
		for i := range data {
			if !bytes.Equal(got[i], deflate(data[i])) {
				t.Fatalf("GOMAXPROCS %d: stream %d differs from deflate's", procs, i)
			}
		}
	}
	if len(deflateAll(nil)) != 0 {
		t.Fatal("no stream, no result")
	}
}

// TestDeflatedKeepsWhatDidNotChange: through a Deflated, a second build
// gets the same bytes as deflateAll, takes the streams that did not
// change from the first (the very slices), and forgets those no build
// used since.
func TestDeflatedKeepsWhatDidNotChange(t *testing.T) {
	a, b, c := bytes.Repeat([]byte("BT 56.69 720.53 Td (mot) Tj ET\n"), 300), []byte("page deux"), []byte("page trois")
	dc := NewDeflated()
	dc.begin()
	first := dc.all([][]byte{a, b})
	dc.begin()
	second := dc.all([][]byte{a, c})
	want := deflateAll([][]byte{a, c})
	for i := range want {
		if !bytes.Equal(second[i], want[i]) {
			t.Errorf("stream %d: not deflateAll's bytes", i)
		}
	}
	if &second[0][0] != &first[0][0] {
		t.Error("an unchanged stream was compressed again")
	}
	dc.begin()
	dc.begin() // two builds without b: it is gone
	if _, kept := dc.prev[sha256.Sum256(b)]; kept {
		t.Error("a stream no build used since is still kept")
	}
	if got := (*Deflated)(nil).all([][]byte{a}); !bytes.Equal(got[0], want[0]) {
		t.Error("a nil Deflated does not compress as deflateAll")
	}
}
