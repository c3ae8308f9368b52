package doc

// Item is a drawing primitive placed in some coordinate space (mm, y down).
// Figures hold items in their own space; the layout stage produces pages of
// items in page space.
type Item interface{ isItem() }

// Text draws a single line of text with its baseline at Y.
type Text struct {
	X, Y   float64
	Text   string
	Style  Style
	Size   float64 // points
	Color  Color
	Rotate float64 // degrees, counter-clockwise about (X, Y)
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
}

func (Text) isItem()    {}
func (Rect) isItem()    {}
func (Line) isItem()    {}
func (Polygon) isItem() {}
func (Link) isItem()    {}
func (Image) isItem()   {}
func (Path) isItem()    {}
