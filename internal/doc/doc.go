// Package doc defines the document tree that the compose stage produces and
// the layout stage consumes: blocks (headings, paragraphs, lists, tables,
// figures…) made of styled inline runs. It knows nothing about pages.
package doc

// Style is a set of inline style flags.
type Style uint8

// Inline styles; they combine.
const (
	Bold Style = 1 << iota
	Italic
)

// Color is an RGB colour with 0–255 components.
type Color struct{ R, G, B uint8 }

// Inline is a run of text with one style. Link, when set, is either an
// external URL or "#anchor" for a place inside the document. Expansions
// are the sigles of the sigles workbook the run holds, with what each
// stands for, so that a screen reader can speak them in full; they are
// never printed, and the run stays whole so that it prints as before.
type Inline struct {
	Text       string
	Style      Style
	Link       string
	Expansions []Expansion
}

// Expansion is a sigle inside a run's Text, at byte Offset for Length
// bytes, and what it stands for (« Agence Régionale de Santé » for ARS).
type Expansion struct {
	Offset, Length int
	Text           string
}

// Block is any block-level element of the document.
type Block interface{ isBlock() }

// Align is a paragraph's horizontal alignment.
type Align uint8

// Alignments.
const (
	Justify Align = iota
	Left
	Center
	Right
)

// Heading is a section title. TOCLevel > 0 puts it in the sommaire and the
// outline at that depth; Anchor is the target of links to it.
type Heading struct {
	Level    int
	Text     []Inline
	Anchor   string
	TOCLevel int
	TOCTitle string // title in the sommaire and outline; the plain text when empty
	NewPage  bool   // start on a fresh page
	Divider  bool   // an axe divider: large, centred, alone on its page
}

// Paragraph is a run of inline text laid out in lines.
type Paragraph struct {
	Text        []Inline
	Align       Align
	Role        Role    // RoleNote, RoleLead; RoleNone for ordinary text
	SpaceBefore float64 // mm; 0 means the default
	KeepNext    bool    // keep with the following block
}

// List is a bullet or numbered list.
type List struct {
	Ordered bool
	Start   int
	Bullet  string // bullet glyph for unordered lists; a default when empty
	Items   []ListItem
}

// ListItem is one entry of a list; it may hold nested lists.
type ListItem struct {
	Blocks []Block
}

// Table is a grid of cells. Widths are relative column widths. The first
// HeaderRows rows repeat at the top of every page the table runs onto.
type Table struct {
	Widths     []float64
	HeaderRows int
	Rows       []Row
	Borderless bool
	Role       Role // its kind, which sets its type size; RoleNone for a template's table
	Attached   bool // no space above: continues the table before it
	Together   bool // move whole to the next page rather than split, when it fits on one
}

// Row is a table row.
type Row struct {
	Cells []Cell
}

// Cell is a table cell. A cell may span several columns (ColSpan) or rows
// (RowSpan); a spanned-over slot holds no Cell.
type Cell struct {
	Blocks  []Block
	ColSpan int
	RowSpan int
	Role    Role   // RoleHead, RoleLabel or RoleState; RoleNone for a data cell
	State   string // for RoleState: the état's role key in the theme (« realisee »…)
	Bold    bool
	Align   Align
	VCenter bool
}

// Figure is a vector drawing of a fixed size, drawn in its own coordinate
// space (mm, origin at its top left) and centred in the text column.
type Figure struct {
	Width, Height float64
	Items         []Item
	Caption       string // "Figure 3 – …", under the drawing
	Source        string // "Source : …", under the caption
	Anchor        string // link target, for the table des figures
	Alt           string // its description in words, from its data, for readers who cannot see it; never printed
}

// FigureList is the table des figures: every figure with a caption, and
// its page.
type FigureList struct {
	Title string
}

// Check is one checkbox with its label.
type Check struct {
	Label   string
	Checked bool
	// Alt says the box and its state in words, for a screen reader
	// (« Action renouvelée : oui »); never printed.
	Alt string
}

// Checkboxes is a row of checkboxes drawn as boxes, the checked ones
// ticked.
type Checkboxes struct {
	Items []Check
}

// PageBreak forces the next block onto a fresh page.
type PageBreak struct{}

// Sommaire is the table of contents; the layout fills it with the headings
// whose TOCLevel is set, and their pages.
type Sommaire struct {
	Title string
}

// Person is a name and a title, for signature pages.
type Person struct {
	Name  string
	Title string
}

// SignatureGroup is a titled set of people who sign.
type SignatureGroup struct {
	Title   string
	Columns int
	People  []Person
}

// SignaturePage lays out signature boxes for every group on one page,
// sizing the boxes to fill it.
type SignaturePage struct {
	Groups []SignatureGroup
	// FieldName names each box's signature field in the PDF, with {nom}
	// for who signs in it (« Signature – {nom} »): signing software shows it.
	FieldName string
}

// Cover is the title page.
type Cover struct {
	Kicker   string   // line above the title
	Title    string   // e.g. "Contrat Local de Santé"
	Subtitle string   // e.g. "2025 – 2029"
	Lines    []string // territory and other lines under the title
	Parties  []string // signing parties
	Between  string   // word before the first party (« Entre »)
	And      string   // word between two parties (« et »)
	Footer   []string // place/date, version
	Logo     string   // path of a PNG or JPEG file; empty for none
	LogoW    float64  // logo size in mm, keeping the image's proportions
	LogoH    float64
}

func (Heading) isBlock()       {}
func (Paragraph) isBlock()     {}
func (List) isBlock()          {}
func (Table) isBlock()         {}
func (Figure) isBlock()        {}
func (PageBreak) isBlock()     {}
func (Sommaire) isBlock()      {}
func (SignaturePage) isBlock() {}
func (Cover) isBlock()         {}
func (Checkboxes) isBlock()    {}
func (FigureList) isBlock()    {}

// Document is the whole contract as a sequence of blocks, with its
// metadata.
type Document struct {
	Meta   Meta
	Blocks []Block
}

// Meta is the document's metadata and running texts.
type Meta struct {
	Title, Author, Subject, Keywords, Creator string
	Lang                                      string
	CreationDate                              string // RFC 3339 or YYYY-MM-DD
	HeaderText                                string // running header
	FooterText                                string // left part of the footer
	// PageNumber is the footer's page number, with {page} and {pages}
	// for the page's number and the count (« page {page} / {pages} »).
	PageNumber string
}

// PlainText returns the concatenated text of inlines.
func PlainText(in []Inline) string {
	n := 0
	for _, r := range in {
		n += len(r.Text)
	}
	b := make([]byte, 0, n)
	for _, r := range in {
		b = append(b, r.Text...)
	}
	return string(b)
}
