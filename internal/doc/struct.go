package doc

// StructElem is one element of the document's logical structure, the tree
// a screen reader walks instead of the drawing order: the layout stage
// builds the list in reading order as it places blocks, and the writer
// turns it into the PDF's structure tree. Drawn items that belong to no
// element (running header, footer, page numbers, rules, shading) are
// artifacts, which a screen reader skips.
type StructElem struct {
	// Role is a standard PDF structure type: H1–H6, P, L, Table, TOC,
	// Figure…
	Role string
	// Parent is the index of the enclosing element in the same list, -1
	// for an element directly under the document.
	Parent int
	// Alt is the text equivalent of a figure, empty when there is none.
	Alt string
	// Scope is a table header cell's: Column or Row.
	Scope string
	// E is what a Span's sigle stands for, spoken in its place.
	E string
	// ActualText replaces a Span's drawn text for a screen reader.
	ActualText string
	// ColSpan and RowSpan are a table cell's spans, when over 1.
	ColSpan, RowSpan int
	// ListNumbering is a list's: Disc for bullets, Decimal for numbers.
	ListNumbering string
}

// The standard structure types the layout uses (PDF 32000-1, 14.8.4), and
// the scopes of header cells. They name the structure for a screen
// reader and are never printed.
const (
	StructP      = "P"
	StructL      = "L"
	StructLI     = "LI"
	StructLbl    = "Lbl"
	StructLBody  = "LBody"
	StructFigure = "Figure"
	StructTOC    = "TOC"
	StructTable  = "Table"
	StructTR     = "TR"
	StructTH     = "TH"
	StructTD     = "TD"
	StructDiv    = "Div"
	StructTHead  = "THead"
	StructTBody  = "TBody"
	StructSpan   = "Span"
	StructLink   = "Link"
	StructTOCI   = "TOCI"
	StructForm   = "Form"

	ScopeColumn = "Column"
	ScopeRow    = "Row"

	ListDisc    = "Disc"    // a bulleted list's numbering
	ListDecimal = "Decimal" // a numbered list's
)
