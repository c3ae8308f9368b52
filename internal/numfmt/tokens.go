package numfmt

import (
	"strings"
	"unicode/utf8"
)

// tokKind is what a piece of a format code does.
type tokKind int

const (
	tokLit     tokKind = iota // text shown as is
	tokDate                   // a run of date or time letters: dddd, mm, yyyy, h, AM/PM…
	tokDigit                  // 0, # or ?
	tokPoint                  // the decimal point
	tokComma                  // thousands separator, or ÷1000 at the end
	tokPercent                // %
	tokExp                    // E+ or E-
	tokSlash                  // / (a fraction, or a date separator)
	tokAt                     // @, the cell's text
	tokGeneral                // General
)

type token struct {
	kind tokKind
	text string // the literal text, the date letters or the digit placeholder
}

// sections splits a code at its semicolons: positive; negative; zero;
// text. Semicolons inside quotes, brackets or after a backslash are text.
func sections(code string) []string {
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\':
			i++
		case c == '[':
			if j := strings.IndexByte(code[i:], ']'); j > 0 {
				i += j
			}
		case c == ';':
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}

// hasCondition tells whether a section starts with a condition, [>100].
func hasCondition(s string) bool {
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 || i+1 >= len(s) {
			return false
		}
		if strings.ContainsRune("<>=", rune(s[i+1])) {
			return true
		}
		s = s[i+1:]
	}
}

// colours are the colour names a format may give in brackets.
var colours = []string{"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow", "color"}

// tokenize reads one section. ok is false when it has parts that cannot
// be shown: a colour, an elapsed time, an era, a calendar or numeral
// system, a fill or padding that spreadsheets compute from the column's
// width is simply dropped.
func tokenize(s string) (toks []token, ok bool) {
	ok = true
	lit := func(t string) {
		if n := len(toks); n > 0 && toks[n-1].kind == tokLit {
			toks[n-1].text += t
			return
		}
		toks = append(toks, token{kind: tokLit, text: t})
	}
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		rest := s[i:]
		switch {
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				lit(s[i+1:])
				return toks, ok
			}
			lit(s[i+1 : i+1+j])
			i += j + 2
			continue
		case c == '\\':
			if i+1 < len(s) {
				_, n := utf8.DecodeRuneInString(s[i+1:])
				lit(s[i+1 : i+1+n])
				i += 1 + n
				continue
			}
		case c == '_':
			// a space as wide as the next character
			lit(" ")
			if i+1 < len(s) {
				_, n := utf8.DecodeRuneInString(s[i+1:])
				i += 1 + n
				continue
			}
		case c == '*':
			// fill the column with the next character: nothing to print
			if i+1 < len(s) {
				_, n := utf8.DecodeRuneInString(s[i+1:])
				i += 1 + n
				continue
			}
		case c == '[':
			j := strings.IndexByte(rest, ']')
			if j < 0 {
				lit(rest)
				return toks, false
			}
			in := rest[1:j]
			i += j + 1
			low := strings.ToLower(in)
			switch {
			case strings.HasPrefix(in, "$"):
				// [$€-40C]: a currency symbol and a language; [$-40C]: only
				// the language, which French rendering replaces
				if sym, _, _ := strings.Cut(in[1:], "-"); sym != "" {
					lit(sym)
				}
			case isColour(low):
				ok = false
			case low != "" && strings.Trim(low, "hms") == "":
				// [h]:mm elapsed hours: shown as a clock time, reported
				toks = append(toks, token{kind: tokDate, text: low})
				ok = false
			default:
				// conditions, [DBNum1], [NatNum12…], unknown
				ok = false
			}
			continue
		case hasPrefixFold(rest, "general"):
			toks = append(toks, token{kind: tokGeneral})
			i += len("general")
			continue
		case hasPrefixFold(rest, "am/pm"):
			toks = append(toks, token{kind: tokDate, text: "am/pm"})
			i += len("am/pm")
			continue
		case hasPrefixFold(rest, "a/p"):
			toks = append(toks, token{kind: tokDate, text: "am/pm"})
			i += len("a/p")
			continue
		case (c == 'E' || c == 'e') && len(rest) > 1 && (rest[1] == '+' || rest[1] == '-'):
			toks = append(toks, token{kind: tokExp, text: rest[:2]})
			i += 2
			continue
		case strings.ContainsRune("ymdhsengbqwYMDHSENGBQW", c), (c == 'a' || c == 'A') && run(rest) >= 3:
			// a run of one date letter: yyyy, MM, dddd, NNNN (LibreOffice's
			// weekday), aaaa (the weekday in some languages)…
			n := run(rest)
			t := strings.ToLower(rest[:n])
			switch t[0] {
			case 'g', 'b', 'q', 'w':
				ok = false // era, Buddhist year, quarter, week: not shown
			}
			toks = append(toks, token{kind: tokDate, text: t})
			i += n
			continue
		case c == '0' || c == '#' || c == '?':
			toks = append(toks, token{kind: tokDigit, text: string(c)})
		case c == '.':
			toks = append(toks, token{kind: tokPoint, text: "."})
		case c == ',':
			toks = append(toks, token{kind: tokComma, text: ","})
		case c == '%':
			toks = append(toks, token{kind: tokPercent, text: "%"})
		case c == '/':
			toks = append(toks, token{kind: tokSlash, text: "/"})
		case c == '@':
			toks = append(toks, token{kind: tokAt})
		default:
			lit(string(c))
		}
		i += size
	}
	return toks, ok
}

// run is the length of the run of the same ASCII letter, any case, that s
// starts with.
func run(s string) int {
	n := 1
	for n < len(s) && strings.EqualFold(s[n:n+1], s[:1]) {
		n++
	}
	return n
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func isColour(s string) bool {
	for _, c := range colours {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}
