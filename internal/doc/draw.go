package doc

// Item is a drawing primitive placed in some coordinate space (mm, y down).
// Figures hold items in their own space; the layout stage produces pages of
// items in page space.
type Item interface{ isItem() }

// Text draws a single line of text with its baseline at Y.
//
// The other fields are for text extraction and screen readers, never
// printed: SpaceAfter tells that a word space follows in reading order
// (words set apart by justification or a no-break space, a line ended at
// a space), which the writer draws as an invisible space glyph so that
// « les soins » is not read « lessoins »; Expansion is what a sigle
// stands for, spoken in its place; ActualText replaces the text for a
// reader (a ticked box's label read « Action renouvelée : oui »); Decor
// marks text that is drawn but not read (a sommaire's dot leaders).
type Text struct {
	X, Y       float64
	Text       string
	Style      Style
	Size       float64 // points
	Color      Color
	Rotate     float64 // degrees, counter-clockwise about (X, Y)
	SpaceAfter bool
	Expansion  string
	ActualText string
	Decor      bool
}

// Rect draws a rectangle, filled and/or stroked. Radius rounds its corners.
type Rect struct {
	X, Y, W, H float64
	Fill       *Color
	Stroke     *Color
	LineWidth  float64
	Radius     float64
}

// Line draws a straight segment.
type Line struct {
	X1, Y1, X2, Y2 float64
	Color          Color
	Width          float64
	Dash           []float64
}

// Polygon draws a closed filled polygon (arrow heads, markers).
type Polygon struct {
	Points []Point
	Fill   Color
}

// Path draws a polyline, closed or not, filled and/or stroked.
type Path struct {
	Points []Point
	Closed bool
	Fill   *Color
	Stroke *Color
	Width  float64
	Dash   []float64
}

// Point is a 2D point.
type Point struct{ X, Y float64 }

// Image draws an image file (PNG or JPEG) into a rectangle.
type Image struct {
	X, Y, W, H float64
	Path       string
}

// Link makes a rectangle clickable: Target is "#anchor" or a URL.
type Link struct {
	X, Y, W, H float64
	Target     string
	// Contents describes the link for a screen reader (the words it
	// covers, a box's title); never printed.
	Contents string
}

func (Text) isItem()    {}
func (Rect) isItem()    {}
func (Line) isItem()    {}
func (Polygon) isItem() {}
func (Link) isItem()    {}
func (Image) isItem()   {}
func (Path) isItem()    {}
