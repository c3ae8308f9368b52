package embed

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// expectedNames says, in messages, which names cls writes.
const expectedNames = "attendu cls.yaml, " + ManifestName + ", sources/NOM.xlsx, templates/CHEMIN.md, templates/libelles.yaml, templates/theme.yaml ou le logo (.png, .jpg, .jpeg)"

// maxNameLen bounds a name's length in bytes (a component's is 255 on
// common file systems).
const maxNameLen = 1024

// CheckName returns why name is not one that cls embeds, or "" when it
// is. cls embeds exactly cls.yaml, the manifest, the workbooks
// (sources/NOM.xlsx), the templates (templates/CHEMIN.md, in sub-folders
// too) and the logo (a relative path ending in .png, .jpg or .jpeg).
// Beyond the shape, every name must be a plain relative path that is
// safe on every system the folder may be copied to: no absolute path, no
// "..", no component starting with a dot (.git, .bashrc), no backslash,
// colon or other character Windows forbids, no control or invisible
// character, no name Windows reserves (CON, NUL, COM1…).
func CheckName(name string) string {
	switch {
	case name == "":
		return "nom vide"
	case !utf8.ValidString(name):
		return "nom illisible (UTF-8 invalide)"
	case len(name) > maxNameLen:
		return fmt.Sprintf("nom trop long (plus de %d octets)", maxNameLen)
	case strings.HasPrefix(name, "/"):
		return "chemin absolu"
	}
	for _, r := range name {
		if unicode.IsControl(r) || textnorm.Invisible(r) || !unicode.IsPrint(r) && r != ' ' {
			return "caractère de contrôle ou invisible " + textnorm.CodePoint(r)
		}
		if strings.ContainsRune(`\:<>"|?*`, r) {
			return "caractère " + textnorm.Quote(r) + " interdit dans un nom de fichier"
		}
	}
	parts := strings.Split(name, "/")
	for _, p := range parts {
		if why := checkComponent(p); why != "" {
			return why
		}
	}
	if !shapeOK(name, parts) {
		return "ce n'est pas un fichier que cls joint"
	}
	return ""
}

// checkComponent returns why one component of a path is refused.
func checkComponent(p string) string {
	switch {
	case p == "":
		return "composant vide (« // » ou « / » en fin de nom)"
	case p == "..":
		return "composant « .. » (remonte hors du dossier)"
	case strings.HasPrefix(p, "."):
		return "composant « " + p + " » commençant par un point (fichier caché ou de configuration)"
	case len(p) > 255:
		return "composant de plus de 255 octets"
	case strings.HasSuffix(p, ".") || strings.HasSuffix(p, " "):
		return "composant « " + p + " » terminé par un point ou une espace"
	case windowsReserved(p):
		return "nom « " + p + " » réservé sous Windows"
	}
	return ""
}

// windowsReserved reports whether Windows reserves a component's name,
// with any extension: CON, PRN, AUX, NUL, COM0–9, LPT0–9.
func windowsReserved(p string) bool {
	base, _, _ := strings.Cut(p, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$":
		return true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) {
		c := base[3]
		return c >= '0' && c <= '9'
	}
	// COM¹, COM², COM³ and LPT¹…³ too
	if strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT") {
		switch base[3:] {
		case "¹", "²", "³":
			return true
		}
	}
	return false
}

// shapeOK reports whether a safe name is one of those cls embeds.
func shapeOK(name string, parts []string) bool {
	switch {
	case name == "cls.yaml" || name == ManifestName || isLogo(name):
		return true
	case parts[0] == "sources":
		return len(parts) == 2 && strings.HasSuffix(strings.ToLower(parts[1]), ".xlsx") && len(parts[1]) > len(".xlsx")
	case name == "templates/libelles.yaml" || name == "templates/theme.yaml":
		return true
	case parts[0] == "templates":
		return len(parts) >= 2 && strings.HasSuffix(strings.ToLower(name), ".md") && len(parts[len(parts)-1]) > len(".md")
	}
	return false
}

// isLogo reports whether name has the extension of a logo image.
func isLogo(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, ".png") || strings.HasSuffix(l, ".jpg") || strings.HasSuffix(l, ".jpeg")
}
