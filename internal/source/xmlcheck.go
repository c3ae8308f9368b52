package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// The workbook reader (excelize) stops reading a sheet at the first XML
// error without saying so: a damaged row silently cuts the sheet short,
// and a damaged table of shared strings silently empties it. So every XML
// part of a workbook is checked for well-formedness before it is read.
//
// encoding/xml alone would cost several milliseconds for the shipped
// workbooks, more than the rest of the reading. quickWellFormed proves
// the ordinary case — what Excel and LibreOffice write — in one byte scan;
// anything it does not recognise goes to encoding/xml, whose verdict and
// line number stand.

// xmlError is a part that is not well-formed XML.
type xmlError struct {
	Line   int // line in the part, 0 when unknown
	Row    int // last spreadsheet row read before the error, 0 if none
	Detail string
}

func (e *xmlError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Detail }

// checkXML returns nil when b is well-formed XML, else an *xmlError.
// charset decodes parts that declare an encoding other than UTF-8, as the
// workbook reader does.
func checkXML(b []byte, charset func(string, io.Reader) (io.Reader, error)) *xmlError {
	if quickWellFormed(b) {
		return nil
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.CharsetReader = charset
	row, depth, seen := 0, 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			if depth > 0 || !seen {
				line, _ := d.InputPos()
				return &xmlError{Line: line, Row: row, Detail: "unexpected end of file"}
			}
			return nil
		}
		if err != nil {
			e := &xmlError{Row: row, Detail: err.Error()}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				e.Line, e.Detail = se.Line, se.Msg
			} else {
				e.Line, _ = d.InputPos()
			}
			return e
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			seen = true
			if t.Name.Local == "row" {
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						if n, err := strconv.Atoi(a.Value); err == nil {
							row = n
						}
					}
				}
			}
		case xml.EndElement:
			depth--
		}
	}
}

// quickWellFormed reports whether b is certainly well-formed: UTF-8 with
// an optional XML declaration, one root element, elements with ASCII
// names, quoted attributes, the five predefined entities and character
// references, and no comment, CDATA section, processing instruction or
// document type. False means "not proven", not "broken".
func quickWellFormed(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	i, n := 0, len(b)
	if bytes.HasPrefix(b, []byte("<?xml")) {
		end := bytes.Index(b, []byte("?>"))
		if end < 0 || !utf8Declaration(b[:end]) {
			return false
		}
		i = end + 2
	}
	var stack [][]byte
	rooted := false
	for i < n {
		c := b[i]
		if c != '<' {
			// text: outside the root only white space
			j := i
			for j < n && b[j] != '<' {
				j++
			}
			if !quickText(b[i:j], len(stack) > 0) {
				return false
			}
			i = j
			continue
		}
		i++
		if i >= n {
			return false
		}
		switch b[i] {
		case '/':
			i++
			name, k := quickName(b, i)
			if k < 0 || len(stack) == 0 || !bytes.Equal(stack[len(stack)-1], name) {
				return false
			}
			i = skipSpace(b, k)
			if i >= n || b[i] != '>' {
				return false
			}
			i++
			stack = stack[:len(stack)-1]
		case '?', '!':
			return false // processing instruction, comment, CDATA, DOCTYPE
		default:
			if rooted && len(stack) == 0 {
				return false // a second root
			}
			name, k := quickName(b, i)
			if k < 0 {
				return false
			}
			i = k
			for {
				j := skipSpace(b, i)
				if j >= n {
					return false
				}
				if b[j] == '>' {
					stack = append(stack, name)
					i = j + 1
					break
				}
				if b[j] == '/' {
					if j+1 >= n || b[j+1] != '>' {
						return false
					}
					i = j + 2
					break
				}
				if j == i {
					return false // attributes need space before them
				}
				_, k := quickName(b, j)
				if k < 0 {
					return false
				}
				k = skipSpace(b, k)
				if k >= n || b[k] != '=' {
					return false
				}
				k = skipSpace(b, k+1)
				if k >= n || b[k] != '"' && b[k] != '\'' {
					return false
				}
				q := b[k]
				end := bytes.IndexByte(b[k+1:], q)
				if end < 0 || !quickText(b[k+1:k+1+end], true) || bytes.IndexByte(b[k+1:k+1+end], '<') >= 0 {
					return false
				}
				i = k + 1 + end + 1
			}
			rooted = true
		}
	}
	return rooted && len(stack) == 0
}

// utf8Declaration accepts <?xml version="1.0" …?> with no encoding or UTF-8.
func utf8Declaration(decl []byte) bool {
	if !bytes.Contains(decl, []byte(`version="1.0"`)) && !bytes.Contains(decl, []byte(`version='1.0'`)) {
		return false
	}
	k := bytes.Index(decl, []byte("encoding="))
	if k < 0 {
		return true
	}
	v := decl[k+len("encoding="):]
	return len(v) >= 7 && (v[0] == '"' || v[0] == '\'') && bytes.EqualFold(v[1:6], []byte("utf-8")) && v[6] == v[0]
}

// quickName reads an ASCII XML name at b[i:], returning it and the index
// after it, or -1.
func quickName(b []byte, i int) ([]byte, int) {
	j := i
	for j < len(b) {
		c := b[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > i && (c >= '0' && c <= '9' || c == '-' || c == '.' || c == ':') {
			j++
			continue
		}
		break
	}
	if j == i || b[j-1] == ':' {
		return nil, -1
	}
	return b[i:j], j
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// quickText accepts character data: XML characters and well-formed
// references; outside the root element (inElement false), white space only.
func quickText(t []byte, inElement bool) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case !inElement:
			return false
		case c < 0x20:
			return false // not an XML character
		case c == 0xEF && i+2 < len(t) && t[i+1] == 0xBF && (t[i+2] == 0xBE || t[i+2] == 0xBF):
			return false // U+FFFE, U+FFFF
		case c == '>' && i >= 2 && t[i-1] == ']' && t[i-2] == ']':
			return false
		case c == '&':
			end := bytes.IndexByte(t[i:], ';')
			if end < 0 || !quickReference(t[i+1:i+end]) {
				return false
			}
			i += end
		}
	}
	return true
}

// quickReference accepts the body of &…; : a predefined entity or a
// character reference to an XML character.
func quickReference(r []byte) bool {
	switch string(r) {
	case "amp", "lt", "gt", "quot", "apos":
		return true
	}
	if len(r) < 2 || r[0] != '#' {
		return false
	}
	var v uint64
	var err error
	if r[1] == 'x' {
		if len(r) < 3 {
			return false
		}
		v, err = strconv.ParseUint(string(r[2:]), 16, 32)
	} else {
		v, err = strconv.ParseUint(string(r[1:]), 10, 32)
	}
	return err == nil && (v == 0x9 || v == 0xA || v == 0xD || v >= 0x20 && v <= 0xD7FF || v >= 0xE000 && v <= 0xFFFD || v >= 0x10000 && v <= 0x10FFFF)
}
