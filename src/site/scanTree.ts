/**
 * A lean parse5 tree for `scanHtml`: parse5 still runs the WHATWG tree construction (so tags are
 * what a browser sees, on any input), but the tree keeps only what the scan reads — elements with
 * their name, namespace, attributes and tag locations, and text nodes as source ranges. Text is
 * not concatenated, comments and the doctype are not kept, and no location object is copied
 * (ScanParser): on a site of 10,000 pages, the default tree's strings and location copies were
 * most of `check`'s garbage. The parser reads the tree only through this adapter, and only its
 * structure and locations, never text or comments, so the same elements end up in the same places.
 */
import { defaultTreeAdapter, html, Parser, Token, type TreeAdapter, type TreeAdapterTypeMap } from "parse5";

/** A node that holds children: the document, a template's content, or an element. */
export class ScanParent {
  readonly childNodes: ScanChild[] = [];
}

/** The document (its quirks mode changes how some tags nest). */
export class ScanDocument extends ScanParent {
  mode: html.DOCUMENT_MODE = html.DOCUMENT_MODE.NO_QUIRKS;
}

/**
 * An element: where its start tag is (null for one the parser made up) and its end tag, once an
 * end tag of its name closed it. The parser asks an element for its location only to know whether
 * it has one and whether it has an end tag; the element answers that itself (see
 * `getNodeSourceCodeLocation`), so no location object is copied or changed per element.
 */
export class ScanElement extends ScanParent {
  parentNode: ScanParent | null = null;
  /** The start tag's location, its attributes' locations in `attrs`. */
  startTag: Token.LocationWithAttributes | null = null;
  endTag: Token.Location | undefined = undefined;
  /** A template's content. */
  content: ScanParent | null = null;
  constructor(
    readonly tagName: string,
    readonly namespaceURI: html.NS,
    readonly attrs: Token.Attribute[],
  ) {
    super();
  }
}

/** A run of text, as where it sits in the source (-1 until the parser says). */
export class ScanText {
  parentNode: ScanParent | null = null;
  start = -1;
  end = -1;
}

/** A child of a parent node. */
export type ScanChild = ScanElement | ScanText;

/** The one comment node: comments are not kept, so every one is this, and appending it does nothing. */
const COMMENT = new ScanText();

/** The node types of the lean tree, for parse5. */
export type ScanTreeMap = TreeAdapterTypeMap<
  ScanParent | ScanText,
  ScanParent,
  ScanChild,
  ScanDocument,
  ScanParent,
  ScanElement,
  ScanText,
  ScanText,
  ScanElement,
  ScanText
>;

/** Where a text node's location says it has one: any truthy value does for the parser. */
const TEXT_LOCATED: Token.ElementLocation = {
  startLine: 0,
  startCol: 0,
  startOffset: 0,
  endLine: 0,
  endCol: 0,
  endOffset: 0,
};

function appendChild(parent: ScanParent, child: ScanChild): void {
  if (child === COMMENT) return;
  parent.childNodes.push(child);
  child.parentNode = parent;
}

function indexOfChild(children: readonly ScanChild[], child: ScanChild): number {
  // The parser detaches and inserts mostly at the end (foster parenting, moving children), so look there first.
  return children[children.length - 1] === child ? children.length - 1 : children.indexOf(child);
}

function insertBefore(parent: ScanParent, child: ScanChild, reference: ScanChild): void {
  parent.childNodes.splice(indexOfChild(parent.childNodes, reference), 0, child);
  child.parentNode = parent;
}

/** The tree adapter: parse5's default adapter's tree operations on the lean nodes. */
export const scanTreeAdapter: TreeAdapter<ScanTreeMap> = {
  createDocument: () => new ScanDocument(),
  createDocumentFragment: () => new ScanParent(),
  createElement: (tagName, namespaceURI, attrs) => new ScanElement(tagName, namespaceURI, attrs),
  createCommentNode: () => COMMENT,
  createTextNode: () => new ScanText(),
  appendChild,
  insertBefore,
  setTemplateContent: (template, content) => (template.content = content),
  getTemplateContent: (template) => template.content ?? new ScanParent(),
  // The doctype's name and ids matter only through the document mode, which the parser sets itself.
  setDocumentType: () => undefined,
  setDocumentMode: (document, mode) => (document.mode = mode),
  getDocumentMode: (document) => document.mode,
  detachNode(node) {
    const parent = node.parentNode;
    if (parent === null) return;
    parent.childNodes.splice(indexOfChild(parent.childNodes, node), 1);
    node.parentNode = null;
  },
  // Adjacent text is one node, as in the default tree (a raw-text element's content is its one child).
  insertText(parent, _text) {
    if (parent.childNodes[parent.childNodes.length - 1] instanceof ScanText) return;
    appendChild(parent, new ScanText());
  },
  insertTextBefore(parent, _text, reference) {
    const previous = parent.childNodes[indexOfChild(parent.childNodes, reference) - 1];
    if (!(previous instanceof ScanText)) insertBefore(parent, new ScanText(), reference);
  },
  // Merging the attributes of a repeated <html> or <body> is the default adapter's, on the same list.
  adoptAttributes: (recipient, attrs) => defaultTreeAdapter.adoptAttributes(recipient as never, attrs),
  getFirstChild: (node) => node.childNodes[0] ?? null,
  getChildNodes: (node) => node.childNodes,
  getParentNode: (node) => (node instanceof ScanElement || node instanceof ScanText ? node.parentNode : null),
  getAttrList: (element) => element.attrs,
  getTagName: (element) => element.tagName,
  getNamespaceURI: (element) => element.namespaceURI,
  getTextNodeContent: () => "",
  getCommentNodeContent: () => "",
  getDocumentTypeNodeName: () => "",
  getDocumentTypeNodePublicId: () => "",
  getDocumentTypeNodeSystemId: () => "",
  isTextNode: (node): node is ScanText => node instanceof ScanText && node !== COMMENT,
  isCommentNode: (node): node is ScanText => node === COMMENT,
  isDocumentTypeNode: (_node): _node is ScanText => false,
  isElementNode: (node): node is ScanElement => node instanceof ScanElement,
  // ScanParser hands an element its start tag's location; parse5's own code path, a copy holding it as `startTag`.
  setNodeSourceCodeLocation(node, location) {
    if (node instanceof ScanElement) node.startTag = location === null ? null : (location.startTag ?? location);
    else if (node instanceof ScanText && node !== COMMENT && location !== null) {
      node.start = location.startOffset;
      node.end = location.endOffset;
    }
  },
  // The parser reads only whether there is a location and its `endTag`: an element with a start tag has both itself.
  getNodeSourceCodeLocation(node) {
    if (node instanceof ScanElement) return node.startTag === null ? null : (node as unknown as Token.ElementLocation);
    return node instanceof ScanText && node.start >= 0 ? TEXT_LOCATED : null;
  },
  updateNodeSourceCodeLocation(node, end) {
    if (node instanceof ScanText) {
      if (end.endOffset !== undefined) node.end = end.endOffset;
    } else if (node instanceof ScanElement && end.endTag !== undefined) node.endTag = end.endTag;
  },
};

/**
 * parse5's parser on the lean tree, without its two copies of a location per element: an element
 * keeps its start tag's location as the tokenizer made it (not a copy of it with a copy of itself
 * as `startTag`), and an end tag's location as is (not a copy in a new location object). These
 * copies were a third of the parse's CPU on a site's pages, with the garbage they made. Only
 * locations are handled here; where the element goes is the parser's and the adapter's, as before.
 * These two methods are parse5's hooks for subclasses (`@protected`); should a parse5 release stop
 * calling them, the adapter reads the copies it is then given, and test/site/scanTree.test.ts still
 * holds the tags to parse5's default tree.
 */
export class ScanParser extends Parser<ScanTreeMap> {
  override _attachElementToTree(
    element: ScanElement,
    location: Token.LocationWithAttributes | null,
    insertionLocation: { parent: ScanParent; beforeElement: ScanElement | null },
  ): void {
    element.startTag = location;
    if (insertionLocation.beforeElement === null) appendChild(insertionLocation.parent, element);
    else insertBefore(insertionLocation.parent, element, insertionLocation.beforeElement);
  }

  // As parse5's: an element closed by an end tag of its own name has that end tag (others' ends are not read).
  override _setEndLocation(element: ScanElement, closingToken: Token.Token): void {
    if (
      element.startTag !== null &&
      closingToken.location !== null &&
      closingToken.type === Token.TokenType.END_TAG &&
      closingToken.tagName === element.tagName
    )
      element.endTag = closingToken.location;
  }
}

/** The document `html` parses to, as a browser parses it, as a lean tree. */
export function parseScanTree(html: string): ScanDocument {
  return ScanParser.parse(html, { sourceCodeLocationInfo: true, treeAdapter: scanTreeAdapter });
}
